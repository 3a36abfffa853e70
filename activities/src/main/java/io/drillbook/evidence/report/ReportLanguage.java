package io.drillbook.evidence.report;

import java.util.Locale;

/** The languages a drill report is written in: French first (the clients' language), English too. */
public enum ReportLanguage {
  FR(Locale.FRANCE),
  EN(Locale.UK);

  private final Locale locale;

  ReportLanguage(Locale locale) {
    this.locale = locale;
  }

  /**
   * The report language of {@code locale}: French for a null locale, otherwise by its language.
   *
   * @throws IllegalArgumentException for a language reports are not written in
   */
  public static ReportLanguage of(Locale locale) {
    if (locale == null) {
      return FR;
    }
    return switch (locale.getLanguage()) {
      case "fr", "" -> FR;
      case "en" -> EN;
      default -> throw new IllegalArgumentException("reports are written in French (fr) or English (en), not in '"
          + locale.getLanguage() + "'");
    };
  }

  /** {@code fr} or {@code en}, as in file names and {@code --lang}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Locale locale() {
    return locale;
  }

  public ReportLanguage other() {
    return this == FR ? EN : FR;
  }
}
