package io.drillbook.evidence.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

  @TempDir Path dir;

  @Test
  void aKeyPairIsCreatedOnFirstUseReadableByItsOwnerOnlyAndReusedAfter() throws IOException {
    SigningKeys first = SigningKeys.fromEnvironment(Map.of("DRILLBOOK_HOME", dir.toString()));
    Path keys = dir.resolve("keys");
    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(keys.resolve(SigningKeys.PRIVATE_KEY_FILE))));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(keys.resolve(SigningKeys.PUBLIC_KEY_FILE))), "the public key is for publishing");
    assertTrue(Files.readString(keys.resolve(SigningKeys.PRIVATE_KEY_FILE)).startsWith("-----BEGIN PRIVATE KEY-----\n"));
    assertEquals(first.publicKeyPem(), Files.readString(keys.resolve(SigningKeys.PUBLIC_KEY_FILE)));
    assertTrue(first.publicKeyPem().startsWith("-----BEGIN PUBLIC KEY-----\n"));

    SigningKeys again = SigningKeys.fromEnvironment(Map.of("DRILLBOOK_HOME", dir.toString()));
    assertEquals(first.keyId(), again.keyId());
    assertEquals(keys.resolve(SigningKeys.PRIVATE_KEY_FILE), again.privateKeyFile());
  }

  @Test
  void theKeyIdIsTheStartOfTheSha256OfThePublicKeyDer() throws NoSuchAlgorithmException {
    SigningKeys keys = SigningKeys.loadOrCreate(dir);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(keys.publicKey().getEncoded()));
    assertEquals(sha.substring(0, 16), keys.keyId());
    assertEquals(16, keys.keyId().length());
  }

  @Test
  void aLoadedKeySignsWhatItsDerivedPublicKeyVerifies() throws Exception {
    SigningKeys created = SigningKeys.loadOrCreate(dir);
    SigningKeys loaded = SigningKeys.load(dir.resolve(SigningKeys.PRIVATE_KEY_FILE));
    assertEquals(created.publicKey(), loaded.publicKey());
    byte[] data = "manifest".getBytes(StandardCharsets.UTF_8);
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(created.publicKey());
    verifier.update(data);
    assertTrue(verifier.verify(loaded.sign(data)));
  }

  /** An MSP may bring its own key from openssl; the public key drillbook derives is the one openssl prints. */
  @Test
  void anOpensslKeyIsReadFromTheEnvironmentAndItsPublicKeyDerived() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
    Path key = dir.resolve("msp-signing.pem");
    run("openssl", "genpkey", "-algorithm", "ed25519", "-out", key.toString());
    String opensslPublic = run("openssl", "pkey", "-in", key.toString(), "-pubout");
    SigningKeys keys = SigningKeys.fromEnvironment(Map.of(SigningKeys.KEY_ENV, key.toString(),
        "DRILLBOOK_HOME", dir.resolve("unused").toString()));
    assertEquals(opensslPublic, keys.publicKeyPem());
    assertEquals(key, keys.privateKeyFile());
    assertTrue(Files.notExists(dir.resolve("unused")), "no key is generated when one is given");
  }

  @Test
  void anRsaKeyIsRefusedWithHowToMakeAnEd25519One() throws Exception {
    Path rsa = dir.resolve("rsa.pem");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    Files.writeString(rsa, Pem.encode(Pem.PRIVATE_KEY, generator.generateKeyPair().getPrivate().getEncoded()));
    BundleException e = assertThrows(BundleException.class, () -> SigningKeys.load(rsa));
    assertEquals(rsa + " is not an Ed25519 private key: generate one with"
        + " `openssl genpkey -algorithm ed25519 -out rsa.pem`", e.getMessage());
  }

  @Test
  void unusableKeyFilesSayWhatIsWrong() throws IOException {
    Path encrypted = Files.writeString(dir.resolve("enc.pem"),
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertTrue(assertThrows(BundleException.class, () -> SigningKeys.load(encrypted)).getMessage()
        .contains("holds a ENCRYPTED PRIVATE KEY, not a PRIVATE KEY: drillbook reads an unencrypted key"));
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
    assertEquals(text + " is not a PEM file (no -----BEGIN PRIVATE KEY----- block)",
        assertThrows(BundleException.class, () -> SigningKeys.load(text)).getMessage());
    Path missing = dir.resolve("nope.pem");
    assertEquals("cannot read the signing key " + missing + " (DRILLBOOK_SIGNING_KEY): no such file",
        assertThrows(BundleException.class,
            () -> SigningKeys.fromEnvironment(Map.of(SigningKeys.KEY_ENV, missing.toString()))).getMessage());
    assertEquals("cannot read the public key " + missing + ": no such file",
        assertThrows(BundleException.class, () -> SigningKeys.readPublicKey(missing)).getMessage());
  }

  @Test
  void aPublicKeyFileThatDoesNotMatchThePrivateKeyIsReported() throws IOException {
    SigningKeys mine = SigningKeys.loadOrCreate(dir.resolve("mine"));
    SigningKeys other = SigningKeys.loadOrCreate(dir.resolve("other"));
    assertNotEquals(mine.keyId(), other.keyId());
    Files.writeString(dir.resolve("mine").resolve(SigningKeys.PUBLIC_KEY_FILE), other.publicKeyPem());
    BundleException e = assertThrows(BundleException.class, () -> SigningKeys.loadOrCreate(dir.resolve("mine")));
    assertTrue(e.getMessage().endsWith("(key id " + other.keyId() + " instead of " + mine.keyId()
        + "): delete it and drillbook writes the right one"), e.getMessage());
  }

  @Test
  void thePublicKeyGivenToVerifyIsRead() {
    SigningKeys keys = SigningKeys.loadOrCreate(dir);
    assertEquals(keys.publicKey(), SigningKeys.readPublicKey(dir.resolve(SigningKeys.PUBLIC_KEY_FILE)));
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }
}
