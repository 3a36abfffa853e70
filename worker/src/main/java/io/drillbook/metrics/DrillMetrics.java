package io.drillbook.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.drillbook.drill.EvidenceAppend;
import io.drillbook.drill.EvidenceEvents;
import io.drillbook.drill.Verdict;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.evidence.EvidenceListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drill metrics of docs/metrics.md, derived from the evidence events this process writes. Metrics are
 * per process: each worker counts the events it appended, and Prometheus sums the workers (the rules use
 * {@code sum} for counters and {@code max} for the last-drill gauges).
 *
 * <p>Labels carry plan name, plan type, trigger, verdict, step action and provider only: never the tenant,
 * actors, resource names or other payload values, which may name a client.
 */
public final class DrillMetrics implements EvidenceListener {
  private static final Logger log = LoggerFactory.getLogger(DrillMetrics.class);
  /** Drills whose plan this process remembers; a worker that runs more at once looks the rest up again. */
  private static final int REMEMBERED_DRILLS = 10_000;
  private static final String UNKNOWN = "unknown";

  private final MeterRegistry registry;
  private final Function<String, List<EvidenceEvent>> history;
  private final Map<String, DrillContext> drills = Collections.synchronizedMap(
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DrillContext> eldest) {
          return size() > REMEMBERED_DRILLS;
        }
      });
  private final Set<String> pendingApprovals = ConcurrentHashMap.newKeySet();
  private final Map<Tags, AtomicLong> gaugeValues = new ConcurrentHashMap<>();

  /**
   * @param history the stored events of a drill, read when an event arrives for a drill whose
   *     {@code drill.started} this process did not write (the drill moved here from another worker)
   */
  public DrillMetrics(MeterRegistry registry, Function<String, List<EvidenceEvent>> history) {
    this.registry = registry;
    this.history = history;
    Gauge.builder("drillbook.pending.approvals", pendingApprovals, Set::size)
        .description("Approvals and manual steps waiting for a person, in the drills of this process")
        .register(registry);
    // Registered up front so that the leak alert sees 0 rather than no series before the first leak.
    leaked();
  }

  /** What this process knows of a drill: its plan, and the action and provider of each step that started. */
  private record DrillContext(String plan, String type, Map<String, StepKind> steps) {}

  /**
   * A step's labels. The provider is in {@code step.started} since drills recorded it ("none" for wait,
   * notify, approval and manual steps); a step of an older drill is labelled "unknown".
   */
  private record StepKind(String action, String provider) {
    static final StepKind UNKNOWN_STEP = new StepKind(UNKNOWN, UNKNOWN);
  }

  @Override
  public void recorded(EvidenceAppend event) {
    try {
      record(event);
    } catch (RuntimeException e) {
      // The event is stored whatever happens here; a metrics bug must not fail the drill's evidence.
      log.warn("metrics: could not record {} of drill {} seq {}", event.type(), event.drillId(), event.seq(), e);
    }
  }

  private void record(EvidenceAppend event) {
    Map<String, Object> p = event.payload() == null ? Map.of() : event.payload();
    switch (event.type()) {
      case EvidenceEvents.DRILL_STARTED -> started(event.drillId(), p);
      case EvidenceEvents.STEP_STARTED -> context(event.drillId()).steps()
          .put(event.stepId(), new StepKind(text(p.get("action")), text(p.get("provider"))));
      case EvidenceEvents.STEP_COMPLETED -> stepCompleted(event, p);
      case EvidenceEvents.APPROVAL_REQUESTED -> pendingApprovals.add(stepKey(event));
      // A manual step also asks (approval.requested) and is answered by manual.completed; a gate that
      // ends otherwise (cancelled, failed) no longer waits either.
      case EvidenceEvents.APPROVAL_GRANTED, EvidenceEvents.APPROVAL_DENIED, EvidenceEvents.APPROVAL_EXPIRED,
          EvidenceEvents.MANUAL_COMPLETED, EvidenceEvents.STEP_CANCELLED, EvidenceEvents.STEP_FAILED ->
          pendingApprovals.remove(stepKey(event));
      case EvidenceEvents.CLEANUP_FAILED, "resource.leaked" -> leaked().increment();
      case EvidenceEvents.DRILL_COMPLETED -> completed(event, p);
      default -> { }
    }
  }

  private void started(String drillId, Map<String, Object> p) {
    DrillContext drill = new DrillContext(text(p.get("planName")), text(p.get("planType")), new ConcurrentHashMap<>());
    drills.put(drillId, drill);
    // Every verdict's series exists at 0 before the drill ends: increase() cannot see a series's first
    // sample, so a FAILED counter born at 1 would never fire the drill-failed alert.
    for (Verdict verdict : Verdict.values()) {
      completions(drill, verdict.name());
    }
    Counter.builder("drillbook.drills.started")
        .description("Drills started, by plan, plan type and trigger (MANUAL, SCHEDULE, API)")
        .tags("plan", drill.plan(), "type", drill.type(), "trigger", text(p.get("trigger")))
        .register(registry).increment();
    setGauge("drillbook.rto.target", "Recovery time objective of the plan's last drill", drill.plan(),
        seconds(p.get("rtoMillis")));
    setGauge("drillbook.rpo.target", "Recovery point objective of the plan's last drill", drill.plan(),
        seconds(p.get("rpoMillis")));
  }

  private void stepCompleted(EvidenceAppend event, Map<String, Object> p) {
    if (!(p.get("durationMillis") instanceof Number millis)) {
      return;
    }
    StepKind step = context(event.drillId()).steps().getOrDefault(event.stepId(), StepKind.UNKNOWN_STEP);
    Timer.builder("drillbook.step.duration")
        .description("Duration of the steps that succeeded, by action and provider")
        .tags("action", step.action(), "provider", step.provider())
        .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4),
            Duration.ofHours(24))
        .register(registry).record(Duration.ofMillis(millis.longValue()));
  }

  private void completed(EvidenceAppend event, Map<String, Object> p) {
    DrillContext drill = context(event.drillId());
    String verdict = text(p.get("verdict"));
    completions(drill, verdict).increment();
    setGauge("drillbook.achieved.rto", "Recovery time achieved by the plan's last drill that measured it",
        drill.plan(), seconds(p.get("achievedRtoMillis")));
    setGauge("drillbook.achieved.rpo", "Recovery point achieved by the plan's last drill that measured it",
        drill.plan(), seconds(p.get("achievedRpoMillis")));
    if (verdict.equals("PASSED") || verdict.equals("PASSED_WITH_OBSERVATIONS")) {
      lastSuccess(drill.plan(), drill.type(), Instant.ofEpochMilli(event.timeMillis()));
    }
    pendingApprovals.removeIf(key -> key.startsWith(event.drillId() + "\n"));
    drills.remove(event.drillId());
  }

  /**
   * Sets the time of a plan's last successful drill, if later than the one known: called for each drill this
   * process completes, and at startup from the evidence store so that a restarted worker does not forget
   * when each plan last passed (the overdue alert depends on it).
   */
  public void lastSuccess(String plan, String type, Instant endedAt) {
    Tags tags = Tags.of("plan", plan, "type", type);
    AtomicLong bits = gaugeValues.computeIfAbsent(Tags.of("name", "last.success").and(tags), k -> {
      AtomicLong value = new AtomicLong(Double.doubleToLongBits(Double.NaN));
      Gauge.builder("drillbook.last.successful.drill.timestamp", value, v -> Double.longBitsToDouble(v.get()))
          .description("When the plan's last PASSED or PASSED_WITH_OBSERVATIONS drill ended, Unix time")
          .baseUnit("seconds").tags(tags).register(registry);
      return value;
    });
    double seconds = endedAt.toEpochMilli() / 1000.0;
    bits.getAndUpdate(old -> Double.isNaN(Double.longBitsToDouble(old)) || Double.longBitsToDouble(old) < seconds
        ? Double.doubleToLongBits(seconds) : old);
  }

  private void setGauge(String name, String description, String plan, Double seconds) {
    if (seconds == null) {
      // Not measured (or no objective): the last value that was stays, rather than a gap in the series.
      return;
    }
    Tags tags = Tags.of("plan", plan);
    gaugeValues.computeIfAbsent(Tags.of("name", name).and(tags), k -> {
      AtomicLong value = new AtomicLong();
      Gauge.builder(name, value, v -> Double.longBitsToDouble(v.get()))
          .description(description).baseUnit("seconds").tags(tags).register(registry);
      return value;
    }).set(Double.doubleToLongBits(seconds));
  }

  private Counter completions(DrillContext drill, String verdict) {
    return Counter.builder("drillbook.drills.completed")
        .description("Drills completed, by plan, plan type and verdict")
        .tags("plan", drill.plan(), "type", drill.type(), "verdict", verdict)
        .register(registry);
  }

  private Counter leaked() {
    return Counter.builder("drillbook.resources.leaked")
        .description("Cleanups that failed and resources that outlived their drill (cleanup.failed, resource.leaked)")
        .register(registry);
  }

  /** The drill's context, rebuilt from its stored events when this process did not see it start. */
  private DrillContext context(String drillId) {
    DrillContext known = drills.get(drillId);
    if (known != null) {
      return known;
    }
    String plan = UNKNOWN;
    String type = UNKNOWN;
    Map<String, StepKind> steps = new ConcurrentHashMap<>();
    for (EvidenceEvent e : history.apply(drillId)) {
      JsonNode p = e.payload();
      if (e.type().equals(EvidenceEvents.DRILL_STARTED)) {
        plan = p.path("planName").asText(UNKNOWN);
        type = p.path("planType").asText(UNKNOWN);
      } else if (e.type().equals(EvidenceEvents.STEP_STARTED) && e.stepId() != null) {
        steps.put(e.stepId(), new StepKind(p.path("action").asText(UNKNOWN), p.path("provider").asText(UNKNOWN)));
      }
    }
    DrillContext rebuilt = new DrillContext(plan, type, steps);
    drills.put(drillId, rebuilt);
    return rebuilt;
  }

  private static String stepKey(EvidenceAppend event) {
    return event.drillId() + "\n" + event.stepId();
  }

  private static String text(Object value) {
    return value == null ? UNKNOWN : value.toString();
  }

  private static Double seconds(Object millis) {
    return millis instanceof Number n ? n.longValue() / 1000.0 : null;
  }
}
