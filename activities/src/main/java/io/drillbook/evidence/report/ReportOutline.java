package io.drillbook.evidence.report;

import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.evidence.report.DrillFacts.DecisionKind;
import io.drillbook.evidence.report.DrillFacts.Measured;
import io.drillbook.evidence.report.DrillFacts.StepFacts;
import io.drillbook.plan.Raci;
import java.time.Instant;
import java.util.List;

/**
 * The report's facts about one drill, worded and formatted in one language, for renderers other than the report
 * itself (the client portal): the same sentences, labels, verdict names, durations and timeline chart as the
 * report, so a page and the report never say a thing two ways. Values are plain text, to be escaped by the
 * renderer, except {@link #timelineHtml()}, which is the report's own escaped markup.
 */
public final class ReportOutline {

  /** The report's labels that other renderers show too. */
  public enum Label {
    VERDICT(Text.VERDICT), CLIENT(Text.CLIENT), DRILL(Text.DRILL), IDENTITY(Text.IDENTITY),
    DRILL_TYPE(Text.DRILL_TYPE), START(Text.START), DURATION(Text.DURATION), OBJECTIVES(Text.OBJECTIVES),
    OBJECTIVE(Text.OBJECTIVE), TARGET(Text.TARGET), ACHIEVED(Text.ACHIEVED), RESULT(Text.RESULT),
    OBJECTIVES_NOTE(Text.OBJECTIVES_NOTE), TIMELINE(Text.TIMELINE), STEPS(Text.STEPS), STEP(Text.STEP),
    ACTION(Text.ACTION), RESOURCE(Text.RESOURCE), CLEANUP_MARK(Text.CLEANUP_MARK), RACI_TITLE(Text.RACI_TITLE),
    RACI_NOTE(Text.RACI_NOTE), RESPONSIBLE(Text.RESPONSIBLE), ACCOUNTABLE(Text.ACCOUNTABLE),
    CONSULTED(Text.CONSULTED), INFORMED(Text.INFORMED), APPROVALS(Text.APPROVALS), DECISION(Text.DECISION),
    BY(Text.BY), WHEN(Text.WHEN), COMMENT(Text.COMMENT), NO_APPROVALS(Text.NO_APPROVALS),
    OBSERVATIONS(Text.OBSERVATIONS), NO_OBSERVATIONS(Text.NO_OBSERVATIONS), EVENTS(Text.EVENTS),
    CHAIN_HEAD(Text.CHAIN_HEAD);

    private final Text text;

    Label(Text text) {
      this.text = text;
    }

    public String in(ReportLanguage lang) {
      return text.in(lang);
    }
  }

  /** One line of a two-column table: the label and its value. */
  public record Row(String label, String value) {}

  /**
   * RTO or RPO.
   *
   * @param status {@code met}, {@code missed}, {@code unmeasured} or {@code none} (no objective)
   */
  public record Objective(String name, String target, String achieved, String result, String status) {}

  /**
   * One step as the drill ran it, with its RACI spelled out (names joined with commas, "—" for nobody).
   *
   * @param status {@code ok}, {@code ko} or {@code warn}, as the report colours outcomes
   * @param note why it failed, was skipped or was cancelled; null otherwise
   */
  public record Step(String id, boolean cleanup, String action, String resource, String start, String duration,
      String outcome, String status, String note, String responsible, String accountable, String consulted,
      String informed) {}

  public record Decision(String step, String decision, String by, String when, String comment) {}

  private final DrillFacts facts;
  private final ReportLanguage lang;
  private final Formats formats;

  private ReportOutline(DrillFacts facts, ReportLanguage lang) {
    this.facts = facts;
    this.lang = lang;
    this.formats = new Formats(lang);
  }

  /**
   * @param events the drill's events in seq order
   * @throws IllegalArgumentException when there are none
   */
  public static ReportOutline of(List<EvidenceEvent> events, ReportLanguage lang) {
    return new ReportOutline(DrillFacts.from(events), lang);
  }

  public boolean finished() {
    return facts.finished();
  }

  /** The verdict's code ({@code PASSED}…, {@code RUNNING} while the drill runs), for styling. */
  public String verdictCode() {
    return facts.verdict() == null ? "RUNNING" : facts.verdict();
  }

  public String verdict() {
    return Text.verdict(facts.verdict(), lang);
  }

  /** Why the drill failed, when it did and the workflow said why; null otherwise. */
  public String failureReason() {
    return facts.failureReason();
  }

  public String planName() {
    return facts.planName();
  }

  public List<Row> identity() {
    return List.of(
        new Row(Text.DRILL_ID.in(lang), facts.drillId()),
        new Row(Text.PLAN_NAME.in(lang), or(facts.planName())),
        new Row(Text.PLAN_VERSION.in(lang), or(facts.planSha256())),
        new Row(Text.DRILL_TYPE.in(lang), Text.planType(facts.planType(), lang)),
        new Row(Text.TENANT.in(lang), facts.tenant()),
        new Row(Text.TRIGGER.in(lang), Text.trigger(facts.trigger(), lang)),
        new Row(Text.STARTED_BY.in(lang), or(facts.startedBy())),
        new Row(Text.START.in(lang), formats.dateTime(facts.startedAt())),
        new Row(Text.END.in(lang), facts.finished() ? formats.dateTime(facts.endedAt()) : "—"),
        new Row(Text.DURATION.in(lang), formats.duration(facts.durationMillis())));
  }

  public List<Objective> objectives() {
    return List.of(objective(Text.RTO, facts.rtoTargetMillis(), facts.rto()),
        objective(Text.RPO, facts.rpoTargetMillis(), facts.rpo()));
  }

  private Objective objective(Text name, Long target, Measured achieved) {
    String status = target == null ? "none" : achieved.millis() == null ? "unmeasured"
        : achieved.millis() <= target ? "met" : "missed";
    Text result = switch (status) {
      case "none" -> Text.NO_TARGET;
      case "unmeasured" -> Text.NOT_MEASURED;
      case "met" -> Text.MET;
      default -> Text.MISSED;
    };
    return new Objective(name.in(lang), formats.duration(target), formats.duration(achieved.millis()),
        result.in(lang), status);
  }

  /** The steps the report details (every one of a real drill; of a huge one, the first ones and all failures). */
  public List<Step> steps() {
    return facts.detailedSteps(ReportHtml.DETAILED_STEPS).stream().map(this::step).toList();
  }

  private Step step(StepFacts s) {
    String status = switch (s.outcome()) {
      case SUCCEEDED -> "ok";
      case FAILED -> "ko";
      case SKIPPED, CANCELLED, WAITING, RUNNING -> "warn";
    };
    Raci r = s.raci();
    return new Step(s.id(), s.cleanup(), Text.action(s.action(), lang), or(s.resource()),
        formats.timeOn(s.startedAt(), facts.startedAt()), formats.duration(s.durationMillis()),
        Text.outcome(s.outcome(), lang), status, s.error() != null ? s.error() : s.reason(),
        r == null ? "—" : names(r.responsible()), r == null ? "—" : or(r.accountable()),
        r == null ? "—" : names(r.consulted()), r == null ? "—" : names(r.informed()));
  }

  /** The people's decisions on approval and manual steps, requests excluded, in order. */
  public List<Decision> decisions() {
    return facts.decisions().stream().filter(d -> d.kind() != DecisionKind.REQUESTED)
        .map(d -> new Decision(d.stepId(), Text.decision(d.kind(), lang), or(d.actor()),
            formats.dateTime(d.at()), d.comment() == null ? "" : d.comment()))
        .toList();
  }

  public List<String> observations() {
    return facts.observations();
  }

  /** {@code seq · SHA-256} of the last event. */
  public String chainHead() {
    return facts.lastSeq() + " · " + facts.lastHash();
  }

  public String eventCount() {
    return formats.integer(facts.eventCount());
  }

  /** The report's timeline chart (a table with SVG bars and the RTO line), already escaped; no inline style. */
  public String timelineHtml() {
    return new TimelineChart(facts, facts.detailedSteps(ReportHtml.DETAILED_STEPS), lang, formats).render();
  }

  /** A time as the report writes it, in UTC. */
  public static String dateTime(Instant time, ReportLanguage lang) {
    return new Formats(lang).dateTime(time);
  }

  public static String duration(Long millis, ReportLanguage lang) {
    return new Formats(lang).duration(millis);
  }

  public static String verdict(String verdict, ReportLanguage lang) {
    return Text.verdict(verdict, lang);
  }

  public static String planType(String type, ReportLanguage lang) {
    return Text.planType(type, lang);
  }

  /** A step action ({@code approval}, {@code restore}…) in words. */
  public static String action(String action, ReportLanguage lang) {
    return Text.action(action, lang);
  }

  private static String names(List<String> names) {
    return names.isEmpty() ? "—" : String.join(", ", names);
  }

  private static String or(String value) {
    return value == null ? "—" : value;
  }
}
