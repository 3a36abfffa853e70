package io.drillbook.portal;

import io.drillbook.auth.Principal;
import io.drillbook.evidence.report.ReportLanguage;
import io.drillbook.portal.view.Frame;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One request as a page sees it.
 *
 * @param session null on pages that need no sign-in
 */
record PortalRequest(ReportLanguage lang, PortalSession session, Frame frame) {

  Principal who() {
    return session.principal();
  }

  /** The request's path and query, to come back to after signing in. */
  static String pathOf(Context ctx) {
    String query = ctx.queryString();
    return ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
  }

  /** The request's path and query without its {@code lang} parameter. */
  static String pathWithoutLanguage(Context ctx) {
    String query = ctx.queryString();
    if (query == null || query.isEmpty()) {
      return ctx.path();
    }
    String kept = Arrays.stream(query.split("&")).filter(p -> !p.startsWith("lang=") && !p.equals("lang"))
        .collect(Collectors.joining("&"));
    return ctx.path() + (kept.isEmpty() ? "" : "?" + kept);
  }
}
