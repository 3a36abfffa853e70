package io.drillbook.evidence.report;

import static io.drillbook.evidence.report.Html.esc;

import io.drillbook.evidence.report.DrillFacts.Outcome;
import io.drillbook.evidence.report.DrillFacts.StepFacts;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The drill as a Gantt chart: one row per step, a bar from its start to its end on a common time axis, and a
 * vertical line where the RTO objective falls (counted from the start of the first recovery step).
 *
 * <p>Each row is an HTML table row whose bar is a small inline SVG. Labels stay HTML, so the chart needs no font
 * inside the SVG (the PDF renderer draws SVG text through the JVM's font system, which a server may lack), long
 * drills break across pages between rows, and lines drawn at the same x in every row read as one.
 */
final class TimelineChart {

  /** The achieved RTO is placed on the axis only when it is the span of the timeline itself (VerdictRules.SPAN). */
  static final String SPAN_METHOD = "restore-to-verified span";

  static final int BAR_WIDTH = 330;
  private static final int ROW_HEIGHT = 13;
  private static final int LABEL_CHARS = 30;

  static final String OK = "#2e7d32";
  static final String HUMAN = "#e0a100";
  static final String FAILED = "#c62828";
  static final String SKIPPED = "#9e9e9e";
  static final String RUNNING = "#1565c0";
  static final String RTO_TARGET = "#d32f2f";
  static final String RTO_ACHIEVED = "#0d2b45";

  private final DrillFacts facts;
  private final List<StepFacts> steps;
  private final ReportLanguage lang;
  private final Formats formats;
  private final long origin;
  private final long span;
  private final Double targetX;
  private final Double achievedX;

  /** @param steps the steps charted, one row each */
  TimelineChart(DrillFacts facts, List<StepFacts> steps, ReportLanguage lang, Formats formats) {
    this.facts = facts;
    this.steps = steps;
    this.lang = lang;
    this.formats = formats;
    origin = facts.startedAt().toEpochMilli();
    long recovery = facts.recoveryStart().toEpochMilli();
    Long target = facts.rtoTargetMillis() == null ? null : recovery + facts.rtoTargetMillis();
    Long achieved = facts.rto().millis() != null && SPAN_METHOD.equals(facts.rto().measuredBy())
        ? recovery + facts.rto().millis()
        : null;
    // The axis reaches the objective even when the drill ended well before it: the margin is the point.
    long end = Math.max(facts.endedAt().toEpochMilli(), Math.max(target == null ? 0 : target,
        achieved == null ? 0 : achieved));
    // A margin past the end, so a line there is not lost against the edge.
    span = Math.max(1_000, (end - origin) * 21 / 20);
    targetX = target == null ? null : x(target);
    achievedX = achieved == null ? null : x(achieved);
  }

  String render() {
    StringBuilder out = new StringBuilder(512 + steps.size() * 700);
    out.append("<table class=\"gantt\"><thead><tr><th class=\"g-label\">").append(Text.STEP.in(lang))
        .append("</th><th class=\"g-num\">").append(Text.START.in(lang)).append("</th><th class=\"g-num\">")
        .append(Text.DURATION.in(lang)).append("</th><th class=\"g-bar\">").append(axis()).append("</th></tr></thead><tbody>");
    for (StepFacts step : steps) {
      row(out, step);
    }
    out.append("</tbody></table>");
    out.append("<p class=\"legend\">").append(legend()).append("</p>");
    return out.toString();
  }

  private void row(StringBuilder out, StepFacts step) {
    String label = step.id().length() > LABEL_CHARS ? step.id().substring(0, LABEL_CHARS - 1) + "…" : step.id();
    out.append("<tr><td class=\"g-label\">").append(esc(label));
    if (step.cleanup()) {
      out.append(" <span class=\"muted\">(").append(Text.CLEANUP_MARK.in(lang)).append(")</span>");
    }
    out.append("</td><td class=\"g-num\">")
        .append(step.startedAt() == null ? "—" : "+" + formats.duration(step.startedAt().toEpochMilli() - origin))
        .append("</td><td class=\"g-num\">").append(formats.duration(step.durationMillis()))
        .append("</td><td class=\"g-bar\">").append(svgOpen(BAR_WIDTH, ROW_HEIGHT))
        .append("<rect x=\"0\" y=\"0\" width=\"").append(BAR_WIDTH).append("\" height=\"").append(ROW_HEIGHT)
        .append("\" fill=\"#f4f6f9\"/>");
    for (int quarter = 1; quarter < 4; quarter++) {
      line(out, BAR_WIDTH * quarter / 4.0, "#d5dbe3", "0.6", null);
    }
    if (step.startedAt() != null) {
      Instant end = step.endedAt() != null ? step.endedAt() : facts.endedAt();
      double x = x(step.startedAt().toEpochMilli());
      double width = Math.max(1.5, x(end.toEpochMilli()) - x);
      out.append("<rect x=\"").append(fmt(x)).append("\" y=\"2.5\" width=\"").append(fmt(width))
          .append("\" height=\"").append(ROW_HEIGHT - 5).append("\" fill=\"").append(color(step)).append('"')
          .append(step.cleanup() ? " fill-opacity=\"0.6\"" : "").append("/>");
    }
    if (achievedX != null) {
      line(out, achievedX, RTO_ACHIEVED, "1.2", null);
    }
    if (targetX != null) {
      line(out, targetX, RTO_TARGET, "1.4", "3,2");
    }
    out.append("</svg></td></tr>");
  }

  /** Time labels at each quarter of the axis. */
  private String axis() {
    StringBuilder out = new StringBuilder("<table class=\"axis\"><tr>");
    for (int quarter = 0; quarter < 4; quarter++) {
      out.append("<td>").append(quarter == 0 ? "0" : "+" + formats.roughDuration(span * quarter / 4));
      if (quarter == 3) {
        out.append("<span class=\"axis-end\">+").append(formats.roughDuration(span)).append("</span>");
      }
      out.append("</td>");
    }
    return out.append("</tr></table>").toString();
  }

  private String legend() {
    StringBuilder out = new StringBuilder();
    out.append(Text.TIMELINE_AXIS.in(lang, formats.longDateTime(facts.startedAt()))).append(". ");
    swatch(out, OK, Text.LEGEND_OK);
    swatch(out, HUMAN, Text.LEGEND_HUMAN);
    swatch(out, FAILED, Text.LEGEND_FAILED);
    swatch(out, SKIPPED, Text.LEGEND_SKIPPED);
    if (steps.stream().anyMatch(s -> s.outcome() == Outcome.RUNNING || s.outcome() == Outcome.WAITING)) {
      swatch(out, RUNNING, Text.LEGEND_RUNNING);
    }
    if (targetX != null) {
      String from = facts.recoveryStep() == null ? Text.THE_DRILL.in(lang) : esc(facts.recoveryStep());
      legendLine(out, RTO_TARGET, "3,2",
          Text.LEGEND_RTO_TARGET.in(lang, formats.duration(facts.rtoTargetMillis()), from));
    } else {
      out.append("<span class=\"key\">").append(Text.LEGEND_NO_RTO.in(lang)).append("</span> ");
    }
    if (achievedX != null) {
      legendLine(out, RTO_ACHIEVED, null, Text.LEGEND_RTO_ACHIEVED.in(lang, formats.duration(facts.rto().millis())));
    }
    return out.toString();
  }

  private void swatch(StringBuilder out, String color, Text label) {
    out.append("<span class=\"key\">").append(svgOpen(10, 8)).append("<rect x=\"0\" y=\"0\" width=\"10\" height=\"8\" fill=\"")
        .append(color).append("\"/></svg> ").append(label.in(lang)).append("</span> ");
  }

  private void legendLine(StringBuilder out, String color, String dash, String label) {
    out.append("<span class=\"key\">").append(svgOpen(14, 8));
    out.append("<line x1=\"0\" y1=\"4\" x2=\"14\" y2=\"4\" stroke=\"").append(color).append("\" stroke-width=\"1.6\"");
    if (dash != null) {
      out.append(" stroke-dasharray=\"").append(dash).append('"');
    }
    out.append("/></svg> ").append(label).append("</span> ");
  }

  private static void line(StringBuilder out, double x, String color, String width, String dash) {
    out.append("<line x1=\"").append(fmt(x)).append("\" y1=\"0\" x2=\"").append(fmt(x)).append("\" y2=\"")
        .append(ROW_HEIGHT).append("\" stroke=\"").append(color).append("\" stroke-width=\"").append(width).append('"');
    if (dash != null) {
      out.append(" stroke-dasharray=\"").append(dash).append('"');
    }
    out.append("/>");
  }

  private static String svgOpen(int width, int height) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
        + "\" viewBox=\"0 0 " + width + " " + height + "\">";
  }

  private static String color(StepFacts step) {
    return switch (step.outcome()) {
      case SUCCEEDED -> step.humanGate() ? HUMAN : OK;
      case FAILED -> FAILED;
      case SKIPPED, CANCELLED -> SKIPPED;
      case WAITING -> HUMAN;
      case RUNNING -> RUNNING;
    };
  }

  private double x(long time) {
    return Math.min(BAR_WIDTH, Math.max(0, (time - origin) * (double) BAR_WIDTH / span));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
