package io.drillbook.portal;

import io.drillbook.evidence.report.ReportLanguage;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * The language of a page: {@code ?lang=fr|en} (remembered in a cookie), else the cookie, else the first of French
 * and English in the browser's {@code Accept-Language}, else French, like the report.
 */
final class PortalLanguage {
  private PortalLanguage() {}

  static ReportLanguage choose(Context ctx, PortalCookies cookies) {
    ReportLanguage asked = code(ctx.queryParam("lang"));
    if (asked != null) {
      cookies.language(ctx, asked);
      return asked;
    }
    ReportLanguage remembered = code(ctx.cookie(PortalCookies.LANGUAGE));
    return remembered != null ? remembered : fromHeader(ctx.header("Accept-Language"));
  }

  static ReportLanguage fromHeader(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return ReportLanguage.FR;
    }
    try {
      // Ranges come sorted by weight: the first French or English one wins.
      for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
        String tag = range.getRange();
        if (tag.startsWith("fr")) {
          return ReportLanguage.FR;
        }
        if (tag.startsWith("en")) {
          return ReportLanguage.EN;
        }
      }
    } catch (IllegalArgumentException malformed) {
      // a header the browser got wrong: the default then
    }
    return ReportLanguage.FR;
  }

  private static ReportLanguage code(String code) {
    if (code == null) {
      return null;
    }
    return switch (code) {
      case "fr" -> ReportLanguage.FR;
      case "en" -> ReportLanguage.EN;
      default -> null;
    };
  }
}
