package io.drillbook.portal.view;

import io.drillbook.evidence.report.ReportLanguage;
import io.drillbook.evidence.report.ReportOutline;

/**
 * What every page shows around its content: language and its switch, title, who is signed in, navigation.
 *
 * @param user "name · role (tenant)" of the signed-in user; null on the sign-in and error pages before sign-in
 * @param csrf the session's form token (the sign-out form carries it); null when signed out
 * @param path the page's own address without {@code lang}, for the language switch
 * @param nav which navigation entry is current: {@code drills}, {@code approvals} or empty
 */
public record Frame(ReportLanguage lang, String title, String user, String csrf, String path, String nav) {

  public String t(PortalText text) {
    return text.in(lang);
  }

  public String t(PortalText text, Object... args) {
    return text.in(lang, args);
  }

  public String t(ReportOutline.Label label) {
    return label.in(lang);
  }

  /** A label's colon as each language writes it: " : " in French, ": " in English. */
  public String colon() {
    return lang == ReportLanguage.FR ? "\u00a0: " : ": ";
  }

  public String langCode() {
    return lang.code();
  }

  /** The same page in the other language. */
  public String otherLanguageUrl() {
    return path + (path.contains("?") ? "&" : "?") + "lang=" + lang.other().code();
  }

  public boolean signedIn() {
    return user != null;
  }

  public Frame titled(String pageTitle) {
    return new Frame(lang, pageTitle, user, csrf, path, nav);
  }
}
