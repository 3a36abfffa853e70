package io.drillbook.drill;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Drill IDs: {@code drl-} followed by a ULID in lower-case Crockford base32 (48-bit millisecond time, 80
 * random bits). Sortable by start time, safe in a URL path, and free of tenant or plan names because
 * workflow IDs are visible in every Temporal tool. Not for use inside workflow code (it reads the clock and
 * a random source): the CLI and API make the ID before the workflow starts.
 */
public final class DrillId {
  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private static final Pattern FORMAT = Pattern.compile("drl-[0-9a-hjkmnp-tv-z]{26}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private DrillId() {}

  public static String newId() {
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    return of(System.currentTimeMillis(), random);
  }

  static String of(long millis, byte[] random) {
    char[] out = new char[26];
    long time = millis;
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (time & 31)];
      time >>>= 5;
    }
    // 80 random bits as 16 base32 digits, most significant first.
    long hi = ((random[0] & 0xffL) << 32) | ((random[1] & 0xffL) << 24) | ((random[2] & 0xffL) << 16)
        | ((random[3] & 0xffL) << 8) | (random[4] & 0xffL);
    long lo = ((random[5] & 0xffL) << 32) | ((random[6] & 0xffL) << 24) | ((random[7] & 0xffL) << 16)
        | ((random[8] & 0xffL) << 8) | (random[9] & 0xffL);
    for (int i = 17; i >= 10; i--) {
      out[i] = ALPHABET[(int) (hi & 31)];
      hi >>>= 5;
    }
    for (int i = 25; i >= 18; i--) {
      out[i] = ALPHABET[(int) (lo & 31)];
      lo >>>= 5;
    }
    return "drl-" + new String(out);
  }

  public static boolean isValid(String id) {
    return id != null && FORMAT.matcher(id).matches();
  }
}
