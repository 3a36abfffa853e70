package io.drillbook.evidence.report;

import static io.drillbook.evidence.report.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.drillbook.evidence.report.DrillFacts.CorrectiveAction;
import io.drillbook.evidence.report.DrillFacts.Decision;
import io.drillbook.evidence.report.DrillFacts.DecisionKind;
import io.drillbook.evidence.report.DrillFacts.Measured;
import io.drillbook.evidence.report.DrillFacts.Outcome;
import io.drillbook.evidence.report.DrillFacts.StepFacts;
import io.drillbook.plan.Raci;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a drill's report as one self-contained XHTML document: styles inline, the timeline as inline SVG, no
 * external resource, so the same text is the bundle's HTML report and the PDF renderer's input. The sections follow
 * what auditors look for (DOMAIN.md): verdict first, then identity, objectives, timeline, steps, RACI, measurements,
 * integrity checks, approvals, observations, failures with corrective actions, and the evidence itself.
 */
final class ReportHtml {

  private enum Role { RESPONSIBLE, ACCOUNTABLE, CONSULTED, INFORMED }

  private static final Pattern PROVIDER_MEASURE = Pattern.compile("(.+) \\(step (.+)\\)");

  /**
   * Steps detailed in the listings, beyond which a drill's other successful steps are only counted: a few hundred
   * pages of identical rows would hide what matters, and events.json in the bundle holds every step anyway.
   */
  static final int DETAILED_STEPS = 200;

  private final DrillFacts f;
  private final List<StepFacts> detailed;
  private final ReportLanguage lang;
  private final Formats formats;
  private final Measurements measurements;
  private final StringBuilder out = new StringBuilder(64 * 1024);
  private int section;

  private ReportHtml(DrillFacts facts, ReportLanguage lang) {
    this.f = facts;
    this.detailed = facts.detailedSteps(DETAILED_STEPS);
    this.lang = lang;
    this.formats = new Formats(lang);
    this.measurements = new Measurements(lang, formats);
  }

  static String render(DrillFacts facts, ReportLanguage lang, Instant generatedAt) {
    return new ReportHtml(facts, lang).document(generatedAt);
  }

  private String document(Instant generatedAt) {
    out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"").append(lang.code())
        .append("\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>").append(t(Text.DOCUMENT_KIND)).append(" ")
        .append(esc(f.drillId())).append("</title>\n<style>\n").append(ReportStyle.css(lang))
        .append("</style>\n</head>\n<body>\n");
    out.append("<div id=\"running-header\">").append(t(Text.DOCUMENT_KIND)).append(" · ").append(esc(f.drillId()))
        .append(" · ").append(esc(f.tenant())).append("</div>\n");
    cover(generatedAt);
    summary();
    identity();
    objectives();
    timeline();
    steps();
    raci();
    stepMeasurements();
    integrity();
    approvals();
    observations();
    failures();
    evidence();
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  private void cover(Instant generatedAt) {
    out.append("<div class=\"cover\"><div class=\"kicker\">drillbook · ").append(t(Text.DOCUMENT_KIND))
        .append("</div><h1>").append(t(Text.TITLE)).append("</h1><div class=\"subtitle\">")
        .append(esc(or(f.planName(), f.drillId()))).append(" — ").append(esc(Text.planType(f.planType(), lang)))
        .append("</div>");
    out.append("<table class=\"masthead\"><tr>");
    mast(Text.CLIENT, esc(f.tenant()));
    mast(Text.DRILL, "<span class=\"mono\">" + esc(f.drillId()) + "</span>");
    mast(Text.DATE, formats.dateTime(f.startedAt()));
    out.append("</tr></table>");
    String verdict = f.verdict() == null ? "RUNNING" : f.verdict();
    out.append("<div class=\"verdict verdict-").append(esc(verdict)).append("\"><span class=\"verdict-label\">")
        .append(t(Text.VERDICT)).append("</span> <span class=\"verdict-value\">")
        .append(esc(Text.verdict(f.verdict(), lang))).append("</span>");
    if (f.failureReason() != null) {
      out.append("<div class=\"verdict-reason\">").append(esc(f.failureReason())).append("</div>");
    }
    out.append("</div><p class=\"muted small\">").append(Text.GENERATED.in(lang, formats.longDateTime(generatedAt)))
        .append("</p></div>\n");
  }

  private void mast(Text label, String value) {
    out.append("<td><div class=\"mast-label\">").append(t(label)).append("</div><div class=\"mast-value\">")
        .append(value).append("</div></td>");
  }

  private void summary() {
    heading(Text.SUMMARY);
    if (!f.finished()) {
      out.append("<p class=\"note\">").append(t(Text.IN_PROGRESS_NOTE)).append("</p>");
    }
    List<StepFacts> main = f.mainSteps();
    long succeeded = main.stream().filter(s -> s.outcome() == Outcome.SUCCEEDED).count();
    List<CorrectiveAction> actions = f.correctiveActions();
    out.append("<table class=\"kv\">");
    kv(Text.VERDICT, "<strong>" + esc(Text.verdict(f.verdict(), lang)) + "</strong>");
    kv(Text.TOTAL_DURATION, formats.duration(f.durationMillis()));
    kv(Text.RTO, objectiveSummary(f.rtoTargetMillis(), f.rto()));
    kv(Text.RPO, objectiveSummary(f.rpoTargetMillis(), f.rpo()));
    kv(Text.STEPS_DONE, Text.STEPS_OF.in(lang, formats.integer(succeeded), formats.integer(main.size())));
    kv(Text.FAILURES_COUNT, actions.isEmpty() ? t(Text.NONE) : formats.integer(actions.size()));
    kv(Text.APPROVALS_COUNT, formats.integer(f.decisions().stream()
        .filter(d -> d.kind() != DecisionKind.REQUESTED).count()));
    if (!actions.isEmpty()) {
      kv(Text.DUE, "<strong class=\"ko\">" + Text.RETEST_DUE.in(lang, formats.date(actions.getFirst().due()))
          + "</strong>");
    }
    out.append("</table>\n");
  }

  private String objectiveSummary(Long target, Measured achieved) {
    return t(Text.TARGET) + " " + formats.duration(target) + " · " + t(Text.ACHIEVED) + " "
        + formats.duration(achieved.millis()) + " · " + objectiveResult(target, achieved);
  }

  private String objectiveResult(Long target, Measured achieved) {
    if (target == null) {
      return t(Text.NO_TARGET);
    }
    if (achieved.millis() == null) {
      return "<span class=\"warn\">" + t(Text.NOT_MEASURED) + "</span>";
    }
    return achieved.millis() <= target
        ? "<span class=\"ok\">✓ " + t(Text.MET) + "</span>"
        : "<span class=\"ko\">✗ " + t(Text.MISSED) + "</span>";
  }

  private void identity() {
    heading(Text.IDENTITY);
    out.append("<table class=\"kv\">");
    kv(Text.DRILL_ID, mono(f.drillId()));
    kv(Text.PLAN_NAME, esc(or(f.planName(), "—")));
    kv(Text.PLAN_VERSION, mono(or(f.planSha256(), "—")));
    if (f.planFile() != null) {
      kv(Text.PLAN_FILE, mono(f.planFile()));
    }
    kv(Text.DRILL_TYPE, esc(Text.planType(f.planType(), lang)));
    kv(Text.TENANT, esc(f.tenant()));
    kv(Text.TRIGGER, esc(Text.trigger(f.trigger(), lang)));
    kv(Text.STARTED_BY, esc(or(f.startedBy(), "—")));
    kv(Text.START, formats.dateTime(f.startedAt()));
    kv(Text.END, f.finished() ? formats.dateTime(f.endedAt()) : "—");
    kv(Text.DURATION, formats.duration(f.durationMillis()));
    out.append("</table>\n");
  }

  private void objectives() {
    heading(Text.OBJECTIVES);
    out.append("<table><thead><tr>");
    th(new int[] {28, 10, 10, 14, 38}, Text.OBJECTIVE, Text.TARGET, Text.ACHIEVED, Text.RESULT, Text.MEASURED_BY);
    out.append("</tr></thead><tbody>");
    objectiveRow(Text.RTO, f.rtoTargetMillis(), f.rto());
    objectiveRow(Text.RPO, f.rpoTargetMillis(), f.rpo());
    out.append("</tbody></table><p class=\"small\">").append(t(Text.OBJECTIVES_NOTE)).append("</p>\n");
  }

  private void objectiveRow(Text name, Long target, Measured achieved) {
    out.append("<tr><td>").append(t(name)).append("</td><td class=\"num\">").append(formats.duration(target))
        .append("</td><td class=\"num\">").append(formats.duration(achieved.millis())).append("</td><td>")
        .append(objectiveResult(target, achieved)).append("</td><td>").append(method(achieved.measuredBy()))
        .append("</td></tr>");
  }

  /**
   * How the workflow says it measured: its own span, or a provider's figure as {@code METHOD (step ID)}, where
   * METHOD is the provider's word for it or just {@code provider}.
   */
  private String method(String measuredBy) {
    if (measuredBy == null) {
      return "—";
    }
    if (TimelineChart.SPAN_METHOD.equals(measuredBy)) {
      return t(Text.SPAN_METHOD);
    }
    Matcher m = PROVIDER_MEASURE.matcher(measuredBy);
    if (!m.matches()) {
      return esc(measuredBy);
    }
    String step = mono(m.group(2));
    return m.group(1).equals("provider")
        ? Text.PROVIDER_METHOD.in(lang, step)
        : Text.PROVIDER_METHOD_NAMED.in(lang, esc(m.group(1)), step);
  }

  private void timeline() {
    heading(Text.TIMELINE);
    out.append(new TimelineChart(f, detailed, lang, formats).render());
    notDetailed();
  }

  private void steps() {
    heading(Text.STEPS);
    stepTable(detailed.stream().filter(s -> !s.cleanup()).toList());
    notDetailed();
    List<StepFacts> cleanup = detailed.stream().filter(StepFacts::cleanup).toList();
    if (!cleanup.isEmpty()) {
      out.append("<h3>").append(t(Text.PHASE_CLEANUP)).append("</h3>");
      stepTable(cleanup);
    }
  }

  private void stepTable(List<StepFacts> steps) {
    out.append("<table class=\"steps\"><thead><tr><th class=\"n\">#</th>");
    th(new int[] {20, 14, 14, 11, 11, 12, 14}, Text.STEP, Text.ACTION, Text.RESOURCE, Text.START, Text.END,
        Text.DURATION, Text.RESULT);
    out.append("</tr></thead><tbody>");
    int n = 0;
    for (StepFacts s : steps) {
      out.append("<tr><td class=\"n\">").append(++n).append("</td><td>").append(mono(s.id())).append("</td><td>")
          .append(esc(Text.action(s.action(), lang))).append("</td><td>").append(s.resource() == null ? "—" : mono(s.resource()))
          .append("</td><td class=\"num\">").append(formats.timeOn(s.startedAt(), f.startedAt()))
          .append("</td><td class=\"num\">").append(formats.timeOn(s.endedAt(), f.startedAt()))
          .append("</td><td class=\"num\">").append(formats.duration(s.durationMillis())).append("</td><td>")
          .append(outcome(s)).append("</td></tr>");
    }
    out.append("</tbody></table>\n");
  }

  private String outcome(StepFacts s) {
    String css = switch (s.outcome()) {
      case SUCCEEDED -> "ok";
      case FAILED -> "ko";
      case SKIPPED, CANCELLED, WAITING, RUNNING -> "warn";
    };
    String mark = switch (s.outcome()) {
      case SUCCEEDED -> "✓ ";
      case FAILED -> "✗ ";
      default -> "";
    };
    return "<span class=\"" + css + "\">" + mark + esc(Text.outcome(s.outcome(), lang)) + "</span>";
  }

  private void raci() {
    heading(Text.RACI_TITLE);
    out.append("<p class=\"small\">").append(t(Text.RACI_NOTE)).append("</p>");
    out.append("<table class=\"raci\"><thead><tr>");
    th(new int[] {20, 20, 20, 20, 20}, Text.STEP, Text.RESPONSIBLE, Text.ACCOUNTABLE, Text.CONSULTED, Text.INFORMED);
    out.append("</tr></thead><tbody>");
    for (StepFacts s : detailed) {
      Raci r = s.raci();
      out.append("<tr><td>").append(mono(s.id())).append("</td><td>")
          .append(r == null ? "—" : names(r.responsible())).append("</td><td>")
          .append(r == null || r.accountable() == null ? "—" : esc(r.accountable())).append("</td><td>")
          .append(r == null ? "—" : names(r.consulted())).append("</td><td>")
          .append(r == null ? "—" : names(r.informed())).append("</td></tr>");
    }
    out.append("</tbody></table>");
    notDetailed();
    participants();
  }

  /** Each person or party once, with the steps of each role and what else they did in the drill. */
  private void participants() {
    Map<String, Map<Role, List<String>>> roles = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, List<String>> other = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (StepFacts s : f.steps()) {
      Raci r = s.raci();
      if (r == null) {
        continue;
      }
      r.responsible().forEach(p -> role(roles, p, Role.RESPONSIBLE, s.id()));
      if (r.accountable() != null) {
        role(roles, r.accountable(), Role.ACCOUNTABLE, s.id());
      }
      r.consulted().forEach(p -> role(roles, p, Role.CONSULTED, s.id()));
      r.informed().forEach(p -> role(roles, p, Role.INFORMED, s.id()));
    }
    if (f.startedBy() != null) {
      other.computeIfAbsent(f.startedBy(), k -> new ArrayList<>()).add(t(Text.STARTED_DRILL));
    }
    for (Decision d : f.decisions()) {
      if (d.kind() != DecisionKind.REQUESTED && d.kind() != DecisionKind.ESCALATED
          && d.kind() != DecisionKind.EXPIRED && d.actor() != null) {
        other.computeIfAbsent(d.actor(), k -> new ArrayList<>()).add(Text.DECIDED_ON.in(lang, esc(d.stepId())));
      }
    }
    if (f.abort() != null && f.abort().actor() != null) {
      other.computeIfAbsent(f.abort().actor(), k -> new ArrayList<>()).add(t(Text.ABORTED_DRILL));
    }
    other.keySet().forEach(p -> roles.computeIfAbsent(p, k -> new EnumMap<>(Role.class)));
    out.append("<h3>").append(t(Text.PARTICIPANTS)).append("</h3><table class=\"raci\"><thead><tr>");
    th(new int[] {16, 17, 17, 15, 17, 18}, Text.PARTICIPANT, Text.RESPONSIBLE, Text.ACCOUNTABLE, Text.CONSULTED,
        Text.INFORMED, Text.OTHER_ROLES);
    out.append("</tr></thead><tbody>");
    roles.forEach((person, byRole) -> {
      out.append("<tr><td><strong>").append(esc(person)).append("</strong></td>");
      for (Role role : Role.values()) {
        List<String> steps = byRole.getOrDefault(role, List.of());
        out.append("<td>").append(steps.isEmpty() ? "" : stepList(steps)).append("</td>");
      }
      out.append("<td>").append(String.join("; ", other.getOrDefault(person, List.of()))).append("</td></tr>");
    });
    out.append("</tbody></table>\n");
  }

  private static void role(Map<String, Map<Role, List<String>>> roles, String person, Role role, String step) {
    roles.computeIfAbsent(person, k -> new EnumMap<>(Role.class)).computeIfAbsent(role, k -> new ArrayList<>())
        .add(step);
  }

  private void stepMeasurements() {
    heading(Text.MEASUREMENTS);
    out.append("<p class=\"small\">").append(t(Text.MEASUREMENTS_NOTE)).append("</p>");
    for (StepFacts s : detailed) {
      out.append("<div class=\"step-block\"><h3>").append(mono(s.id())).append(" <span class=\"muted\">— ")
          .append(esc(Text.action(s.action(), lang))).append(", ").append(outcome(s)).append("</span></h3>");
      List<String[]> rows = measurements.rows(s.outputs());
      if (s.error() != null) {
        rows.add(new String[] {t(Text.ERROR), "<span class=\"ko\">" + esc(s.error()) + "</span>"});
      }
      rows.addAll(measurements.rows(s.details()));
      if (s.reason() != null) {
        rows.add(new String[] {t(Text.REASON), esc(s.reason())});
      }
      s.observations().forEach(o -> rows.add(new String[] {t(Text.OBSERVATIONS), esc(o)}));
      if (rows.isEmpty()) {
        out.append("<p class=\"muted small\">").append(t(Text.NO_MEASUREMENTS)).append("</p>");
      } else {
        out.append("<table class=\"kv measures\">");
        rows.forEach(r -> out.append("<tr><th>").append(r[0]).append("</th><td>").append(r[1]).append("</td></tr>"));
        out.append("</table>");
      }
      out.append("</div>\n");
    }
    notDetailed();
  }

  private void integrity() {
    heading(Text.INTEGRITY);
    List<StepFacts> checked = detailed.stream()
        .filter(s -> "verify".equals(s.action()) || s.outputs().has("checks"))
        .toList();
    if (checked.isEmpty()) {
      out.append("<p class=\"warn\">").append(t(Text.NO_INTEGRITY)).append("</p>\n");
      return;
    }
    out.append("<p class=\"small\">").append(t(Text.INTEGRITY_NOTE)).append("</p><table><thead><tr>");
    th(new int[] {20, 50, 30}, Text.STEP, Text.CHECK, Text.RESULT);
    out.append("</tr></thead><tbody>");
    for (StepFacts s : checked) {
      List<String[]> rows = integrityRows(s);
      for (int i = 0; i < rows.size(); i++) {
        out.append("<tr>");
        if (i == 0) {
          out.append("<td rowspan=\"").append(rows.size()).append("\">").append(mono(s.id())).append("</td>");
        }
        out.append("<td>").append(rows.get(i)[0]).append("</td><td>").append(rows.get(i)[1]).append("</td></tr>");
      }
    }
    out.append("</tbody></table>");
    notDetailed();
  }

  /** (check, result) pairs of one verifying step: its named checks, counts and digests, then its own outcome. */
  private List<String[]> integrityRows(StepFacts s) {
    List<String[]> rows = new ArrayList<>();
    JsonNode o = s.outputs();
    for (JsonNode check : o.path("checks")) {
      String value = check.has("value") ? " " + measurements.value("value", check.get("value")) : "";
      String expect = check.has("expect")
          ? " (" + t(Text.EXPECTED) + " " + esc(check.get("expect").asText()) + ")"
          : "";
      rows.add(new String[] {esc(check.path("name").asText("?")),
          verdictMark(check.path("passed").asBoolean(false)) + value + expect});
    }
    if (o.path("rowCounts").isObject()) {
      long total = 0;
      for (JsonNode n : o.get("rowCounts")) {
        total += n.asLong();
      }
      rows.add(new String[] {Text.ROW_COUNTS_CHECKED.in(lang, formats.integer(o.get("rowCounts").size()),
          formats.integer(total)), resultOf(s)});
    }
    if (o.path("checksums").isObject()) {
      rows.add(new String[] {Text.CHECKSUMS_CHECKED.in(lang, formats.integer(o.get("checksums").size())), resultOf(s)});
    }
    if (o.has("manifestSha256") && o.has("filesChecked")) {
      rows.add(new String[] {Text.MANIFEST_CHECKED.in(lang, formats.integer(o.get("filesChecked").asLong()),
          mono(o.get("manifestSha256").asText())), resultOf(s)});
    }
    for (JsonNode q : o.path("queryResults")) {
      rows.add(new String[] {mono(q.path("query").asText()), measurements.value("value", q.get("value"))});
    }
    if (s.error() != null) {
      rows.add(new String[] {t(Text.ERROR), "<span class=\"ko\">✗ " + esc(s.error()) + "</span>"});
    }
    if (rows.isEmpty()) {
      rows.add(new String[] {esc(Text.action(s.action(), lang)), outcome(s)});
    }
    return rows;
  }

  private String resultOf(StepFacts s) {
    return s.outcome() == Outcome.SUCCEEDED ? verdictMark(true) : outcome(s);
  }

  private String verdictMark(boolean passed) {
    return passed
        ? "<span class=\"ok\">✓ " + t(Text.PASSED_CHECK) + "</span>"
        : "<span class=\"ko\">✗ " + t(Text.FAILED_CHECK) + "</span>";
  }

  private void approvals() {
    heading(Text.APPROVALS);
    if (f.decisions().isEmpty()) {
      out.append("<p>").append(t(Text.NO_APPROVALS)).append("</p>\n");
      return;
    }
    out.append("<table><thead><tr>");
    th(new int[] {16, 16, 16, 20, 32}, Text.STEP, Text.DECISION, Text.BY, Text.WHEN, Text.COMMENT);
    out.append("</tr></thead><tbody>");
    for (Decision d : f.decisions()) {
      String by = d.people().isEmpty() ? esc(or(d.actor(), "—")) : names(d.people());
      String css = switch (d.kind()) {
        case GRANTED, DONE -> "ok";
        case DENIED, NOT_DONE, EXPIRED -> "ko";
        case REQUESTED, ESCALATED -> "muted";
      };
      out.append("<tr><td>").append(mono(d.stepId())).append("</td><td><span class=\"").append(css).append("\">")
          .append(esc(Text.decision(d.kind(), lang))).append("</span></td><td>").append(by)
          .append("</td><td class=\"num\">").append(formats.dateTime(d.at())).append("</td><td>")
          .append(d.comment() == null ? "" : esc(d.comment())).append("</td></tr>");
    }
    out.append("</tbody></table>\n");
  }

  private void observations() {
    heading(Text.OBSERVATIONS);
    if (f.observations().isEmpty()) {
      out.append("<p>").append(t(Text.NO_OBSERVATIONS)).append("</p>");
    } else {
      out.append("<ul>");
      f.observations().forEach(o -> out.append("<li>").append(esc(o)).append("</li>"));
      out.append("</ul>");
    }
    if (!f.withheld().isEmpty()) {
      out.append("<p class=\"small\">").append(Text.WITHHELD_NOTE.in(lang, formats.integer(f.withheld().size()),
          mono(String.join(", ", f.withheld().subList(0, Math.min(f.withheld().size(), Measurements.SHOWN_ENTRIES))))))
          .append("</p>");
    }
    out.append('\n');
  }

  private void failures() {
    heading(Text.FAILURES);
    List<CorrectiveAction> actions = f.correctiveActions();
    if (actions.isEmpty()) {
      out.append("<p class=\"ok\">").append(t(Text.NO_FAILURES)).append("</p>\n");
      return;
    }
    out.append("<table><thead><tr>");
    th(new int[] {40, 30, 15, 15}, Text.FAILURE, Text.CORRECTIVE_ACTION, Text.OWNER, Text.DUE);
    out.append("</tr></thead><tbody>");
    for (CorrectiveAction a : actions) {
      out.append("<tr><td>").append(Text.failure(a.kind(), lang, mono(or(a.subject(), "")), esc(or(a.detail(), "—"))))
          .append("</td><td>").append(Text.correction(a.kind(), lang)).append("</td><td><strong>")
          .append(a.owner() == null ? t(Text.OWNER_UNKNOWN) : esc(a.owner())).append("</strong></td><td class=\"num\">")
          .append(formats.date(a.due())).append("</td></tr>");
    }
    out.append("</tbody></table>\n");
  }

  private void evidence() {
    heading(Text.EVIDENCE);
    out.append("<table class=\"kv\">");
    kv(Text.EVENTS, formats.integer(f.eventCount()));
    kv(Text.CHAIN_HEAD, formats.integer(f.lastSeq()) + " · " + mono(f.lastHash()));
    LocalDate keepUntil = f.endedAt().atZone(ZoneOffset.UTC).toLocalDate().plusYears(3);
    kv(Text.RETENTION, Text.RETENTION_VALUE.in(lang, formats.date(keepUntil)));
    out.append("</table><p class=\"small\">").append(esc(t(Text.EVIDENCE_NOTE))).append("</p>\n");
  }

  /** Says how many steps a listing left out, if any. */
  private void notDetailed() {
    int left = f.steps().size() - detailed.size();
    if (left > 0) {
      out.append("<p class=\"small muted\">").append(Text.NOT_DETAILED.in(lang, formats.integer(left),
          formats.integer(DETAILED_STEPS))).append("</p>");
    }
    out.append('\n');
  }

  /** Step IDs, at most a dozen, then how many more. */
  private String stepList(List<String> steps) {
    if (steps.size() <= Measurements.SHOWN_ENTRIES) {
      return mono(String.join(", ", steps));
    }
    return mono(String.join(", ", steps.subList(0, Measurements.SHOWN_ENTRIES))) + " "
        + Text.MORE_STEPS.in(lang, formats.integer(steps.size() - Measurements.SHOWN_ENTRIES));
  }

  private void heading(Text title) {
    out.append("<h2>").append(++section).append(". ").append(t(title)).append("</h2>\n");
  }

  private void kv(Text label, String valueHtml) {
    out.append("<tr><th>").append(t(label)).append("</th><td>").append(valueHtml).append("</td></tr>");
  }

  /** Column headings with their share of the page width, so short words never wrap letter by letter. */
  private void th(int[] percents, Text... labels) {
    for (int i = 0; i < labels.length; i++) {
      out.append("<th style=\"width: ").append(percents[i]).append("%\">").append(t(labels[i])).append("</th>");
    }
  }

  private String names(List<String> people) {
    return people.isEmpty() ? "—" : esc(String.join(", ", people));
  }

  private static String mono(String s) {
    return "<span class=\"mono\">" + esc(s) + "</span>";
  }

  private String t(Text text) {
    return text.in(lang);
  }

  private static String or(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
