package io.drillbook.evidence.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of bytes and streams, as lower-case hex: what {@code sha256sum} prints. */
final class Sha256 {

  private Sha256() {}

  static String hex(byte[] data) {
    return HexFormat.of().formatHex(digest().digest(data));
  }

  /** The digest and byte count of everything {@code in} holds, read in blocks (bundle files can be large). */
  static Digested of(InputStream in) throws IOException {
    MessageDigest digest = digest();
    byte[] buffer = new byte[64 * 1024];
    long size = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      digest.update(buffer, 0, n);
      size += n;
    }
    return new Digested(size, HexFormat.of().formatHex(digest.digest()));
  }

  record Digested(long size, String sha256) {}

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
