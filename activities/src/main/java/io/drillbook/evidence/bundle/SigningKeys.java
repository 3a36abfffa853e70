package io.drillbook.evidence.bundle;

import io.drillbook.evidence.EvidenceConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ed25519 key pair that signs evidence bundles: {@code DRILLBOOK_SIGNING_KEY} (path to a PKCS#8 PEM, e.g. from
 * {@code openssl genpkey -algorithm ed25519}) if set, otherwise {@code $DRILLBOOK_HOME/keys/signing-key.pem},
 * generated on first use (mode 600) with its public key beside it ({@code signing-key.pub.pem}).
 *
 * <p>The key id is the first 16 hex digits of the SHA-256 of the public key's DER (X.509 SubjectPublicKeyInfo):
 * short enough to read out on the phone, and what an auditor compares with the id the MSP publishes.
 */
public final class SigningKeys {

  public static final String KEY_ENV = "DRILLBOOK_SIGNING_KEY";
  public static final String PRIVATE_KEY_FILE = "signing-key.pem";
  public static final String PUBLIC_KEY_FILE = "signing-key.pub.pem";
  static final String ALGORITHM = "Ed25519";

  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> READABLE_FILE = PosixFilePermissions.fromString("rw-r--r--");

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final Path privateKeyFile;

  private SigningKeys(PrivateKey privateKey, PublicKey publicKey, Path privateKeyFile) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.privateKeyFile = privateKeyFile;
  }

  /** The key of {@code DRILLBOOK_SIGNING_KEY}, or the one under {@code $DRILLBOOK_HOME/keys/}, created if need be. */
  public static SigningKeys fromEnvironment(Map<String, String> env) {
    String path = env.get(KEY_ENV);
    if (path != null && !path.isBlank()) {
      return load(Path.of(path));
    }
    return loadOrCreate(EvidenceConfig.home(env).resolve("keys"));
  }

  /** Reads an Ed25519 private key from a PKCS#8 PEM file and derives its public key. */
  public static SigningKeys load(Path privateKeyPem) {
    String text = readText(privateKeyPem, "the signing key " + privateKeyPem + " (" + KEY_ENV + ")");
    warnIfOthersCanRead(privateKeyPem);
    PrivateKey key = privateKey(Pem.decode(text, Pem.PRIVATE_KEY, privateKeyPem.toString()), privateKeyPem);
    return new SigningKeys(key, publicKeyOf(key, privateKeyPem), privateKeyPem);
  }

  /**
   * The key pair of {@code dir}, generated there on first use: the private key readable by its owner only, the
   * public key beside it for publishing. Concurrent first uses end with one key.
   */
  public static SigningKeys loadOrCreate(Path dir) {
    Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
    Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
    if (!Files.exists(privateFile)) {
      create(dir, privateFile, publicFile);
    }
    SigningKeys keys = load(privateFile);
    if (Files.exists(publicFile)) {
      PublicKey published = readPublicKey(publicFile);
      if (!published.equals(keys.publicKey)) {
        throw new BundleException(publicFile + " is not the public key of " + privateFile + " (key id "
            + keyId(published) + " instead of " + keys.keyId() + "): delete it and drillbook writes the right one");
      }
    } else {
      writeNew(publicFile, keys.publicKeyPem(), READABLE_FILE);
    }
    return keys;
  }

  /** An X.509 SubjectPublicKeyInfo PEM file, as {@code drillbook evidence public-key} prints it. */
  public static PublicKey readPublicKey(Path pem) {
    String text = readText(pem, "the public key " + pem);
    return publicKey(Pem.decode(text, Pem.PUBLIC_KEY, pem.toString()), pem.toString());
  }

  /** The Ed25519 public key of an X.509 SubjectPublicKeyInfo DER; {@code source} names it in errors. */
  static PublicKey publicKey(byte[] der, String source) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (InvalidKeySpecException e) {
      throw new BundleException(source + " is not an Ed25519 public key");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK since 15 provides Ed25519", e);
    }
  }

  /** First 16 hex digits of the SHA-256 of the key's DER encoding. */
  public static String keyId(PublicKey key) {
    return Sha256.hex(key.getEncoded()).substring(0, 16);
  }

  /** The public key as X.509 SubjectPublicKeyInfo PEM. */
  public static String pem(PublicKey key) {
    return Pem.encode(Pem.PUBLIC_KEY, key.getEncoded());
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public String publicKeyPem() {
    return pem(publicKey);
  }

  public String keyId() {
    return keyId(publicKey);
  }

  /** Where the private key was read from, to tell an operator which key signs. */
  public Path privateKeyFile() {
    return privateKeyFile;
  }

  byte[] sign(byte[] data) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(privateKey);
      signature.update(data);
      return signature.sign();
    } catch (NoSuchAlgorithmException | InvalidKeyException | SignatureException e) {
      throw new IllegalStateException("cannot sign with the Ed25519 key of " + privateKeyFile, e);
    }
  }

  private static void create(Path dir, Path privateFile, Path publicFile) {
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK since 15 provides Ed25519", e);
    }
    try {
      Files.createDirectories(dir, posix(dir.getParent()) ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR)} : new FileAttribute<?>[0]);
    } catch (IOException e) {
      throw new BundleException("cannot create the key directory " + dir + ": " + e.getMessage(), e);
    }
    if (writeNew(privateFile, Pem.encode(Pem.PRIVATE_KEY, pair.getPrivate().getEncoded()), OWNER_ONLY_FILE)) {
      writeNew(publicFile, pem(pair.getPublic()), READABLE_FILE);
      log.info("Created the evidence signing key {} (key id {})", privateFile, keyId(pair.getPublic()));
    }
  }

  /**
   * Writes a file that must not exist yet, through a temporary file so no reader ever sees half a key.
   *
   * @return false when another process created it first (its content wins)
   */
  private static boolean writeNew(Path file, String content, Set<PosixFilePermission> permissions) {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      // A temporary file is readable by its owner only until its content is complete; then it gets its mode.
      tmp = Files.createTempFile(dir, ".new-", ".pem");
      Files.writeString(tmp, content, StandardCharsets.US_ASCII);
      if (posix(dir)) {
        Files.setPosixFilePermissions(tmp, permissions);
      }
      // A rename would replace a key another process created meanwhile; a hard link fails if the name is taken.
      try {
        Files.createLink(file, tmp);
      } catch (UnsupportedOperationException e) {
        Files.move(tmp, file);
      }
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new BundleException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          log.warn("Could not remove the temporary file {}: {}", tmp, e.getMessage());
        }
      }
    }
  }

  private static PrivateKey privateKey(byte[] der, Path source) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (InvalidKeySpecException e) {
      throw new BundleException(source + " is not an Ed25519 private key: generate one with"
          + " `openssl genpkey -algorithm ed25519 -out " + source.getFileName() + "`");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK since 15 provides Ed25519", e);
    }
  }

  /**
   * The JDK has no public API deriving an Ed25519 public key from the private one, but its key-pair generator
   * computes the public key from the 32 bytes it draws as the private key: drawing the key's own bytes yields the
   * same pair. The derived private key is compared with the loaded one, so a JDK that draws differently fails
   * here rather than signing with a mismatched public key.
   */
  private static PublicKey publicKeyOf(PrivateKey key, Path source) {
    byte[] seed = ((EdECPrivateKey) key).getBytes()
        .orElseThrow(() -> new BundleException(source + ": the private key's bytes cannot be read"));
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
      generator.initialize(NamedParameterSpec.ED25519, new RepeatSeed(seed));
      KeyPair pair = generator.generateKeyPair();
      byte[] derived = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
      if (!Arrays.equals(derived, seed)) {
        throw new IllegalStateException("this JDK's Ed25519 key-pair generator cannot derive a public key");
      }
      return pair.getPublic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot derive the public key of " + source, e);
    }
  }

  private static String readText(Path file, String what) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new BundleException("cannot read " + what + ": no such file");
    } catch (IOException e) {
      throw new BundleException("cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  private static void warnIfOthersCanRead(Path file) {
    if (!posix(file)) {
      return;
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
        log.warn("The signing key {} is readable by other users ({}): anyone who reads it can sign bundles in"
            + " the MSP's name; run `chmod 600 {}`", file, PosixFilePermissions.toString(perms), file);
      }
    } catch (IOException e) {
      log.warn("Cannot read the permissions of the signing key {}: {}", file, e.getMessage());
    }
  }

  private static boolean posix(Path anyPathOnTheFileSystem) {
    Path p = anyPathOnTheFileSystem == null ? Path.of("") : anyPathOnTheFileSystem;
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Hands the key generator the private key's own bytes instead of random ones (see {@link #publicKeyOf}). */
  private static final class RepeatSeed extends SecureRandom {
    private final byte[] seed;

    RepeatSeed(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (bytes.length != seed.length) {
        throw new IllegalStateException("the Ed25519 generator asked for " + bytes.length + " bytes, not 32");
      }
      System.arraycopy(seed, 0, bytes, 0, seed.length);
    }
  }
}
