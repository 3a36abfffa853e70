package io.drillbook.service;

import io.drillbook.drill.DrillWorkflow;
import io.drillbook.drill.EvidenceAppend;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.evidence.ScheduleSummary;
import io.drillbook.schedule.DrillSchedulerWorkflow;
import io.drillbook.schedule.FireCalendar;
import io.drillbook.schedule.FireRecord;
import io.drillbook.schedule.ScheduleEvents;
import io.drillbook.schedule.ScheduleSpec;
import io.drillbook.schedule.ScheduleState;
import io.drillbook.service.ServiceRefusal.Kind;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a person or a script can do to schedules on a running Temporal: create, list, show, pause, resume,
 * trigger, change cron, delete. The CLI uses it, and the HTTP API through {@link ScheduleAccess}, which scopes it
 * to a caller: one implementation of each action. Refusals are {@link ServiceRefusal}s, so the API can tell a
 * missing schedule (404) from one whose state refuses the change (409).
 *
 * <p>The list comes from the evidence store, since the embedded Temporal server has no visibility API: every
 * schedule records its {@code schedule.created} in its own evidence stream, and a deleted one its
 * {@code schedule.deleted}. Each listed schedule's live state is then a query of its workflow.
 */
public final class ScheduleService {

  /** How long {@link #create} waits for a worker to record the new schedule; it takes well under a second. */
  static final Duration RECORDED_WITHIN = Duration.ofSeconds(30);
  /** A cron and zone, as a fix names them. */
  static final String EXAMPLE = "e.g. cron \"0 3 1 * *\" with timezone \"Europe/Paris\"";
  private static final long POLL_MILLIS = 100;

  private final WorkflowClient client;
  private final EvidenceStore evidence;
  private final WorkerAnswer answer;

  public ScheduleService(WorkflowClient client, EvidenceStore evidence) {
    this(client, evidence, WorkerAnswer.DEFAULT_WAIT);
  }

  /** @param answerWait how long a change waits for a worker to answer it */
  public ScheduleService(WorkflowClient client, EvidenceStore evidence, Duration answerWait) {
    this.client = client;
    this.evidence = evidence;
    this.answer = new WorkerAnswer(answerWait);
  }

  /**
   * Starts the schedule's workflow and returns once a worker has recorded its creation, so that it is listed
   * from then on (and a missing worker shows at once, not at the first fire).
   */
  public ScheduleView create(ScheduleSpec spec) {
    requireValid(spec);
    DrillSchedulerWorkflow scheduler = client.newWorkflowStub(DrillSchedulerWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(spec.scheduleId())
        .setTaskQueue(DrillWorkflow.TASK_QUEUE)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .build());
    call(spec.scheduleId(), () -> {
      try {
        return WorkflowClient.start(scheduler::run, spec);
      } catch (WorkflowExecutionAlreadyStarted e) {
        throw new ServiceRefusal(Kind.CONFLICT, "a schedule with ID " + spec.scheduleId() + " already exists",
            "create it again to get a new ID");
      }
    });
    return new ScheduleView(awaitRecorded(spec.scheduleId()), liveState(spec.scheduleId()));
  }

  /** Refuses a schedule that could not run, naming every problem and its fix; callers check before connecting. */
  public static void requireValid(ScheduleSpec spec) {
    List<String> problems = spec.problems();
    if (!problems.isEmpty()) {
      throw new ServiceRefusal(Kind.INVALID, "cannot create the schedule: " + String.join("; ", problems), null);
    }
  }

  /** The schedules that are not deleted, of one tenant or of all ({@code tenant} null), oldest first. */
  public List<ScheduleView> list(String tenant) {
    return evidence.schedules(tenant).stream()
        .map(s -> new ScheduleView(s, liveState(s.scheduleId())))
        .toList();
  }

  /** One schedule, deleted or not. */
  public ScheduleView view(String scheduleId) {
    return view(recorded(scheduleId));
  }

  /** The live state of a schedule already read from the evidence store. */
  public ScheduleView view(ScheduleSummary recorded) {
    return new ScheduleView(recorded, liveState(recorded.scheduleId()));
  }

  /** What the evidence store records of a schedule, deleted or not; empty when it records nothing. */
  public Optional<ScheduleSummary> find(String scheduleId) {
    return evidence.schedule(scheduleId);
  }

  public ScheduleState pause(String scheduleId, String actor, String reason) {
    requireLive(scheduleId);
    return change(scheduleId, "pause", () -> call(scheduleId, () -> stub(scheduleId).pause(actor, reason)));
  }

  public ScheduleState resume(String scheduleId, String actor) {
    requireLive(scheduleId);
    return change(scheduleId, "resume", () -> call(scheduleId, () -> stub(scheduleId).resume(actor)));
  }

  /** Starts a drill now (or queues it, under overlap QUEUE): the fire as the schedule recorded it. */
  public FireRecord trigger(String scheduleId, String actor) {
    requireLive(scheduleId);
    return change(scheduleId, "trigger", () -> call(scheduleId, () -> stub(scheduleId).triggerNow(actor)));
  }

  /**
   * Fires from now on on {@code cron} read in {@code timezone}; the schedule recomputes its next fire. The
   * workflow validates both again (its Update validator), so a bad cron never reaches its history.
   *
   * @param timezone null to keep the zone the schedule fires in now
   */
  public ScheduleState changeCron(String scheduleId, String actor, String cron, String timezone) {
    requireLive(scheduleId);
    if (cron == null) {
      throw new ServiceRefusal(Kind.INVALID, "'cron' is missing", "give the new cron, " + EXAMPLE);
    }
    // The current zone is in the live state: a change of cron is not in the creation record.
    String zone = timezone != null ? timezone
        : call(scheduleId, () -> stub(scheduleId).state()).timezone();
    requireUsable(cron, zone);
    return change(scheduleId, "change of cron",
        () -> call(scheduleId, () -> stub(scheduleId).changeCron(actor, cron, zone)));
  }

  /** Refuses a cron or zone that cannot fire, naming the one that is wrong ({@code 'cron'}, {@code 'timezone'}). */
  public static void requireUsable(String cron, String timezone) {
    Optional<String> wrongCron = FireCalendar.cronProblem(cron);
    if (wrongCron.isPresent()) {
      throw new ServiceRefusal(Kind.INVALID, "'cron': " + wrongCron.get(), "give a 5-field cron, " + EXAMPLE);
    }
    Optional<String> wrongZone = FireCalendar.zoneProblem(timezone);
    if (wrongZone.isPresent()) {
      throw new ServiceRefusal(Kind.INVALID, "'timezone': " + wrongZone.get(), "give an IANA zone, " + EXAMPLE);
    }
  }

  /**
   * Ends the schedule; a running drill goes on to its end. A schedule whose workflow this Temporal no longer
   * knows (the embedded server of {@code drillbook dev} forgets its workflows when it stops) would otherwise
   * stay listed for good: its deletion is then recorded here, in its stream, which is sealed like the workflow
   * seals it.
   */
  public void delete(String scheduleId, String actor) {
    ScheduleSummary schedule = requireLive(scheduleId);
    if (actor == null || actor.isBlank()) {
      throw new ServiceRefusal(Kind.INVALID, "a schedule change must name who makes it (actor)", null);
    }
    try {
      change(scheduleId, "delete", () -> attempt(scheduleId, () -> {
        stub(scheduleId).delete(actor);
        return null;
      }));
    } catch (GoneFromTemporal gone) {
      List<EvidenceEvent> stream = evidence.events(scheduleId);
      evidence.append(new EvidenceAppend(schedule.tenant(), scheduleId, stream.get(stream.size() - 1).seq() + 1,
          ScheduleEvents.DELETED, null, null, actor, Instant.now().toEpochMilli(),
          Map.of("note", "the schedule's workflow was no longer on Temporal")));
      evidence.anchor(schedule.tenant(), scheduleId);
    }
  }

  private ScheduleSummary recorded(String scheduleId) {
    return evidence.schedule(scheduleId).orElseThrow(() -> new ServiceRefusal(Kind.NOT_FOUND, "no schedule "
        + scheduleId + " in the evidence store", "check the ID with `drillbook schedule list`, and that DRILLBOOK_HOME"
        + " or DRILLBOOK_EVIDENCE_URL names the store of the running `drillbook dev` or worker"));
  }

  private ScheduleSummary requireLive(String scheduleId) {
    ScheduleSummary schedule = recorded(scheduleId);
    if (schedule.deleted()) {
      throw new ServiceRefusal(Kind.CONFLICT, "schedule " + scheduleId + " was deleted by " + schedule.deletedBy()
          + " at " + schedule.deletedAt(), "create a new one with `drillbook schedule create PLAN`");
    }
    return schedule;
  }

  /** The workflow's state; null when this Temporal does not know the schedule (any more). */
  private ScheduleState liveState(String scheduleId) {
    try {
      return attempt(scheduleId, () -> stub(scheduleId).state());
    } catch (GoneFromTemporal gone) {
      return null;
    }
  }

  private ScheduleSummary awaitRecorded(String scheduleId) {
    long deadline = System.nanoTime() + RECORDED_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      var recorded = evidence.schedule(scheduleId);
      if (recorded.isPresent()) {
        return recorded.get();
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new ServiceRefusal(Kind.UNAVAILABLE, "schedule " + scheduleId + " was started, but no worker recorded its"
        + " creation within " + RECORDED_WITHIN.toSeconds() + " s", "check that `drillbook dev` or a `drillbook worker`"
        + " runs on this Temporal and uses the same evidence store (DRILLBOOK_HOME, DRILLBOOK_EVIDENCE_URL); the"
        + " schedule starts once one does");
  }

  private <T> T change(String scheduleId, String request, Supplier<T> update) {
    return answer.await("schedule " + scheduleId, request, "drillbook schedule show " + scheduleId, update);
  }

  private DrillSchedulerWorkflow stub(String scheduleId) {
    return client.newWorkflowStub(DrillSchedulerWorkflow.class, scheduleId);
  }

  /** A call whose schedule must be on Temporal: one that is not is refused, saying how to forget it. */
  private static <T> T call(String scheduleId, Supplier<T> action) {
    try {
      return attempt(scheduleId, action);
    } catch (GoneFromTemporal gone) {
      throw gone.refusal();
    }
  }

  private static <T> T attempt(String scheduleId, Supplier<T> action) {
    try {
      return action.get();
    } catch (WorkflowNotFoundException e) {
      throw new GoneFromTemporal(scheduleId);
    } catch (RuntimeException e) {
      ApplicationFailure reason = TemporalFailures.refusal(e);
      if (reason != null) {
        throw new ServiceRefusal(Kind.CONFLICT, "schedule " + scheduleId + " refused the request: "
            + reason.getOriginalMessage(), null);
      }
      if (TemporalFailures.unreachable(e)) {
        throw TemporalFailures.unanswered("schedule " + scheduleId, e);
      }
      throw e;
    }
  }


  /** The schedule is in the evidence store but its workflow is not on this Temporal service. */
  static final class GoneFromTemporal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GoneFromTemporal(String scheduleId) {
      super(scheduleId, null, false, false);
    }

    ServiceRefusal refusal() {
      String scheduleId = getMessage();
      return new ServiceRefusal(Kind.CONFLICT, "schedule " + scheduleId + " is recorded in the evidence store but not"
          + " on this Temporal service (the embedded server of `drillbook dev` forgets its workflows when it stops)",
          "check TEMPORAL_ADDRESS, or forget it with `drillbook schedule delete " + scheduleId + " --as NAME` and"
          + " create it again with `drillbook schedule create PLAN`");
    }
  }
}
