package io.drillbook.evidence.bundle;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM armour (RFC 7468) for the two key encodings drillbook uses: PKCS#8 private keys and X.509 public keys. */
final class Pem {

  static final String PRIVATE_KEY = "PRIVATE KEY";
  static final String PUBLIC_KEY = "PUBLIC KEY";

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");

  private Pem() {}

  /** The DER bytes as PEM: 64-character lines, LF line ends, a final LF (what openssl writes). */
  static String encode(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /**
   * The DER bytes of the first PEM block of {@code text}, which must carry {@code label}.
   *
   * @param source names the file in error messages
   */
  static byte[] decode(String text, String label, String source) {
    Matcher m = BLOCK.matcher(text);
    if (!m.find()) {
      throw new BundleException(source + " is not a PEM file (no -----BEGIN " + label + "----- block)");
    }
    String found = m.group(1);
    if (!found.equals(label)) {
      throw new BundleException(source + " holds a " + found + ", not a " + label + hint(found));
    }
    try {
      return Base64.getMimeDecoder().decode(m.group(2));
    } catch (IllegalArgumentException e) {
      throw new BundleException(source + ": the " + label + " block is not valid base64");
    }
  }

  private static String hint(String found) {
    return switch (found) {
      case "ENCRYPTED PRIVATE KEY" -> ": drillbook reads an unencrypted key protected by file permissions (mode 600);"
          + " decrypt it with `openssl pkey -in KEY -out PLAIN.pem`";
      case "OPENSSH PRIVATE KEY" -> ": SSH keys are not supported; generate a signing key with"
          + " `openssl genpkey -algorithm ed25519 -out signing-key.pem`";
      case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> ": drillbook signs with Ed25519; generate a key with"
          + " `openssl genpkey -algorithm ed25519 -out signing-key.pem`";
      default -> "";
    };
  }
}
