package io.drillbook.evidence.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.plan.Raci;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a report states about one drill, gathered from its evidence events alone, so the report of a bundle needs
 * nothing but the bundle. Event types and payload keys are those the drill workflow writes (docs/evidence.md);
 * an event of a type this code does not know is kept in events.json and left out of the report.
 *
 * @param endedAt the time of {@code drill.completed}, or of the last event while the drill runs
 * @param verdict PASSED, PASSED_WITH_OBSERVATIONS, FAILED or ABORTED; null while the drill runs
 * @param steps main and cleanup steps, in the order they first appear
 * @param decisions approval and manual-step events, in order
 * @param abort null unless someone aborted the drill
 * @param withheld payload values the store replaced as personal data, as {@code seq: path}
 */
record DrillFacts(
    String drillId,
    String tenant,
    String planName,
    String planType,
    String planSha256,
    String planFile,
    String trigger,
    String startedBy,
    Instant startedAt,
    Instant endedAt,
    Long rtoTargetMillis,
    Long rpoTargetMillis,
    Measured rto,
    Measured rpo,
    String verdict,
    String failureReason,
    List<String> observations,
    List<StepFacts> steps,
    List<Decision> decisions,
    Abort abort,
    long eventCount,
    long lastSeq,
    String lastHash,
    List<String> withheld) {

  /** Days after a failed drill within which the retest is due (DOMAIN.md). */
  static final int RETEST_DAYS = 30;

  /** Actions after which the service is back, on a copy or a standby: where the RTO is counted from. */
  static final Set<String> RECOVERY_ACTIONS = Set.of("restore", "failover", "import");

  /** An achieved objective and how it was measured; both null when nothing measured it. */
  record Measured(Long millis, String measuredBy) {}

  record Abort(String actor, String reason, Instant at) {}

  enum Outcome { SUCCEEDED, FAILED, SKIPPED, CANCELLED, WAITING, RUNNING }

  /**
   * One plan step as the drill ran it.
   *
   * @param startedAt null for a step skipped before it started
   * @param outputs what the step produced: identifiers, counts, checksums, request IDs (an empty object if none)
   * @param error why it failed, null otherwise
   * @param details the failure's other fields (error class, attempt...), an empty object if none
   * @param reason why it was skipped or cancelled, null otherwise
   */
  record StepFacts(
      String id,
      boolean cleanup,
      String action,
      String resource,
      Raci raci,
      Instant startedAt,
      Instant endedAt,
      Long durationMillis,
      Outcome outcome,
      JsonNode outputs,
      String error,
      JsonNode details,
      String reason,
      List<String> observations) {

    boolean humanGate() {
      return "approval".equals(action) || "manual".equals(action);
    }

    String accountable() {
      return raci == null ? null : raci.accountable();
    }
  }

  enum DecisionKind { REQUESTED, GRANTED, DENIED, DONE, NOT_DONE, ESCALATED, EXPIRED }

  /**
   * @param people who was asked (REQUESTED) or notified (ESCALATED); empty otherwise
   * @param actor who decided; the system for requests, escalations and expiries
   */
  record Decision(
      String stepId, DecisionKind kind, Instant at, String actor, String comment, List<String> people) {}

  /** A failure and what follows from it: the failed step's Accountable owns the retest, due 30 days on. */
  record CorrectiveAction(FailureKind kind, String subject, String detail, String owner, LocalDate due) {}

  enum FailureKind { STEP_FAILED, CLEANUP_FAILED, OBJECTIVE_MISSED, ABORTED }

  static DrillFacts from(List<EvidenceEvent> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a drill report needs the drill's events; none were given");
    }
    return new Gatherer(events).facts();
  }

  boolean finished() {
    return verdict != null;
  }

  long durationMillis() {
    return endedAt.toEpochMilli() - startedAt.toEpochMilli();
  }

  /**
   * The steps a report details one by one: every step of a real drill (tens of steps); of a huge one, the first
   * {@code limit} and every step that did not succeed, so no failure is ever left out of the report.
   */
  List<StepFacts> detailedSteps(int limit) {
    if (steps.size() <= limit) {
      return steps;
    }
    List<StepFacts> detailed = new ArrayList<>(steps.subList(0, limit));
    steps.subList(limit, steps.size()).stream().filter(s -> s.outcome() != Outcome.SUCCEEDED).forEach(detailed::add);
    return detailed;
  }

  List<StepFacts> mainSteps() {
    return steps.stream().filter(s -> !s.cleanup()).toList();
  }

  /** The start of the first recovery step, from which RTO is counted; the drill's start if there is none. */
  Instant recoveryStart() {
    return steps.stream()
        .filter(s -> !s.cleanup() && RECOVERY_ACTIONS.contains(s.action()) && s.startedAt() != null)
        .map(StepFacts::startedAt)
        .min(Instant::compareTo)
        .orElse(startedAt);
  }

  String recoveryStep() {
    return steps.stream()
        .filter(s -> !s.cleanup() && RECOVERY_ACTIONS.contains(s.action()) && s.startedAt() != null)
        .min((a, b) -> a.startedAt().compareTo(b.startedAt()))
        .map(StepFacts::id)
        .orElse(null);
  }

  /** Failures and their corrective actions: every failed step, a missed objective, an abort. */
  List<CorrectiveAction> correctiveActions() {
    LocalDate due = endedAt.atZone(ZoneOffset.UTC).toLocalDate().plusDays(RETEST_DAYS);
    List<CorrectiveAction> actions = new ArrayList<>();
    for (StepFacts s : steps) {
      if (s.outcome() == Outcome.FAILED) {
        actions.add(new CorrectiveAction(s.cleanup() ? FailureKind.CLEANUP_FAILED : FailureKind.STEP_FAILED, s.id(),
            s.error(), s.accountable(), due));
      }
    }
    boolean stepFailed = actions.stream().anyMatch(a -> a.kind() == FailureKind.STEP_FAILED);
    if ("FAILED".equals(verdict) && !stepFailed && failureReason != null) {
      // No step failed, so an objective was missed: the recovery's Accountable answers for it.
      String owner = steps.stream()
          .filter(s -> s.id().equals(recoveryStep()))
          .map(StepFacts::accountable)
          .findFirst()
          .orElseGet(() -> steps.stream().map(StepFacts::accountable).filter(a -> a != null).findFirst()
              .orElse(null));
      actions.add(new CorrectiveAction(FailureKind.OBJECTIVE_MISSED, null, failureReason, owner, due));
    }
    if (abort != null) {
      actions.add(new CorrectiveAction(FailureKind.ABORTED, null, abort.reason(), abort.actor(), due));
    }
    return actions;
  }

  /** Reads the events in seq order into facts. */
  private static final class Gatherer {
    private final List<EvidenceEvent> events;
    private final Map<String, StepBuilder> steps = new LinkedHashMap<>();
    private final List<Decision> decisions = new ArrayList<>();
    private final List<String> stepObservations = new ArrayList<>();
    private final List<String> withheld = new ArrayList<>();
    private JsonNode started = JsonNodeFactory.instance.objectNode();
    private JsonNode completed;
    private Instant completedAt;
    private String startedBy;
    private Abort abort;

    Gatherer(List<EvidenceEvent> events) {
      this.events = events;
    }

    DrillFacts facts() {
      for (EvidenceEvent e : events) {
        accept(e);
        e.withheld().forEach(path -> withheld.add("seq " + e.seq() + ": " + path));
      }
      EvidenceEvent first = events.getFirst();
      EvidenceEvent last = events.getLast();
      JsonNode end = completed == null ? JsonNodeFactory.instance.objectNode() : completed;
      List<String> observations = new ArrayList<>();
      if (completed != null) {
        end.path("observations").forEach(o -> observations.add(o.asText()));
      } else {
        observations.addAll(stepObservations);
      }
      return new DrillFacts(first.drillId(), first.tenant(), text(started, "planName"), text(started, "planType"),
          text(started, "planSha256"), text(started, "planFile"), text(started, "trigger"), startedBy,
          first.time(), completedAt != null ? completedAt : last.time(), number(started, "rtoMillis"),
          number(started, "rpoMillis"),
          new Measured(number(end, "achievedRtoMillis"), text(end, "rtoMeasuredBy")),
          new Measured(number(end, "achievedRpoMillis"), text(end, "rpoMeasuredBy")),
          text(end, "verdict"), text(end, "failureReason"), observations,
          steps.values().stream().map(StepBuilder::build).toList(), decisions, abort, events.size(), last.seq(),
          last.hash(), withheld);
    }

    private void accept(EvidenceEvent e) {
      JsonNode p = e.payload();
      String type = e.type();
      switch (type) {
        case "drill.started" -> {
          started = p;
          startedBy = text(p, "actor") != null ? text(p, "actor") : e.actor();
        }
        case "drill.completed" -> {
          completed = p;
          completedAt = e.time();
        }
        case "drill.aborted" -> abort = new Abort(text(p, "actor") != null ? text(p, "actor") : e.actor(),
            text(p, "reason"), e.time());
        case "approval.requested" -> {
          step(e).waiting();
          decisions.add(new Decision(e.stepId(), DecisionKind.REQUESTED, e.time(), e.actor(), null,
              strings(p.path("deciders"))));
        }
        case "approval.granted", "approval.denied" -> decisions.add(new Decision(e.stepId(),
            type.equals("approval.granted") ? DecisionKind.GRANTED : DecisionKind.DENIED, e.time(), e.actor(),
            text(p, "comment"), List.of()));
        case "manual.completed" -> decisions.add(new Decision(e.stepId(),
            p.path("done").asBoolean(true) ? DecisionKind.DONE : DecisionKind.NOT_DONE, e.time(), e.actor(),
            text(p, "comment"), List.of()));
        case "approval.escalated" -> decisions.add(new Decision(e.stepId(), DecisionKind.ESCALATED, e.time(),
            e.actor(), null, strings(p.path("to"))));
        case "approval.expired" -> decisions.add(new Decision(e.stepId(), DecisionKind.EXPIRED, e.time(),
            e.actor(), null, List.of()));
        default -> acceptStepEvent(e, type, p);
      }
    }

    private void acceptStepEvent(EvidenceEvent e, String type, JsonNode p) {
      if (e.stepId() == null || !(type.startsWith("step.") || type.startsWith("cleanup."))) {
        return;
      }
      StepBuilder s = step(e);
      s.cleanup |= type.startsWith("cleanup.");
      switch (type.substring(type.indexOf('.') + 1)) {
        case "started" -> {
          s.startedAt = e.time();
          s.action = text(p, "action");
          s.resource = text(p, "resource");
          s.outcome = Outcome.RUNNING;
        }
        case "completed" -> {
          s.end(e, p, Outcome.SUCCEEDED);
          if (p.path("outputs").isObject()) {
            s.outputs = p.get("outputs");
          }
          p.path("observations").forEach(o -> {
            s.observations.add(o.asText());
            stepObservations.add(e.stepId() + ": " + o.asText());
          });
        }
        case "failed" -> {
          s.end(e, p, Outcome.FAILED);
          s.error = text(p, "error");
          ObjectNode details = p.deepCopy();
          details.remove(List.of("error", "durationMillis", "onFailure"));
          s.details = details;
        }
        case "skipped" -> {
          s.end(e, p, Outcome.SKIPPED);
          s.reason = text(p, "reason");
        }
        case "cancelled" -> {
          s.end(e, p, Outcome.CANCELLED);
          s.reason = text(p, "reason");
        }
        default -> {
          // another step event (a future type): the step is still shown with what is known
        }
      }
    }

    private StepBuilder step(EvidenceEvent e) {
      StepBuilder s = steps.computeIfAbsent(e.stepId(), StepBuilder::new);
      if (s.raci == null) {
        s.raci = e.raci();
      }
      return s;
    }
  }

  private static final class StepBuilder {
    final String id;
    boolean cleanup;
    String action;
    String resource;
    Raci raci;
    Instant startedAt;
    Instant endedAt;
    Long durationMillis;
    Outcome outcome = Outcome.RUNNING;
    JsonNode outputs = JsonNodeFactory.instance.objectNode();
    String error;
    JsonNode details = JsonNodeFactory.instance.objectNode();
    String reason;
    final List<String> observations = new ArrayList<>();

    StepBuilder(String id) {
      this.id = id;
    }

    void waiting() {
      outcome = Outcome.WAITING;
    }

    void end(EvidenceEvent e, JsonNode payload, Outcome result) {
      endedAt = e.time();
      outcome = result;
      durationMillis = number(payload, "durationMillis");
      if (durationMillis == null && startedAt != null) {
        durationMillis = endedAt.toEpochMilli() - startedAt.toEpochMilli();
      }
    }

    StepFacts build() {
      return new StepFacts(id, cleanup, action, resource, raci, startedAt, endedAt, durationMillis, outcome,
          outputs, error, details, reason, List.copyOf(observations));
    }
  }

  static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  static Long number(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value != null && value.isNumber() ? value.asLong() : null;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
