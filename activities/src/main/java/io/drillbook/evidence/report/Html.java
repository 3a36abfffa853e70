package io.drillbook.evidence.report;

/**
 * Escaping for everything that comes from events: step IDs, names, comments and error messages are written by
 * people and providers, so none of it may become markup. The report is XHTML (the PDF renderer parses it as XML),
 * so characters XML 1.0 forbids are replaced too.
 */
final class Html {

  private Html() {}

  /** Text content or attribute value; null as an empty string. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String replacement = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> allowedInXml(s, i) ? null : "\uFFFD";
      };
      if (replacement != null && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? s : out.toString();
  }

  /** XML 1.0 allows tab, LF, CR, U+0020..U+D7FF, U+E000..U+FFFD and whole surrogate pairs. */
  private static boolean allowedInXml(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
    return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xFFFD);
  }
}
