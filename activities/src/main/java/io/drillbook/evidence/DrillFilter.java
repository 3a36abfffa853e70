package io.drillbook.evidence;

import io.drillbook.drill.Verdict;
import io.drillbook.plan.PlanType;
import java.time.Instant;

/**
 * Which drills to list: every criterion is optional (null = any). Drills are listed newest first by start
 * time; {@code since} is inclusive and {@code until} exclusive. Start from {@link #all()}.
 *
 * @param verdict a drill still running has no verdict and is only listed when this is null
 * @param running only drills with no {@code drill.completed} yet
 */
public record DrillFilter(
    String tenant, String planName, PlanType planType, Verdict verdict, Instant since, Instant until,
    boolean running, int limit, int offset) {

  public static final int MAX_LIMIT = 1000;

  public DrillFilter {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, got " + offset);
    }
  }

  /** Every drill of every tenant, first page of 50. */
  public static DrillFilter all() {
    return new DrillFilter(null, null, null, null, null, null, false, 50, 0);
  }

  public DrillFilter withTenant(String value) {
    return new DrillFilter(value, planName, planType, verdict, since, until, running, limit, offset);
  }

  public DrillFilter withPlan(String value) {
    return new DrillFilter(tenant, value, planType, verdict, since, until, running, limit, offset);
  }

  public DrillFilter withType(PlanType value) {
    return new DrillFilter(tenant, planName, value, verdict, since, until, running, limit, offset);
  }

  public DrillFilter withVerdict(Verdict value) {
    return new DrillFilter(tenant, planName, planType, value, since, until, running, limit, offset);
  }

  public DrillFilter startedBetween(Instant from, Instant to) {
    return new DrillFilter(tenant, planName, planType, verdict, from, to, running, limit, offset);
  }

  /** Only the drills still running, which the store finds in SQL (they have no {@code drill.completed}). */
  public DrillFilter runningOnly() {
    return new DrillFilter(tenant, planName, planType, verdict, since, until, true, limit, offset);
  }

  public DrillFilter page(int pageLimit, int pageOffset) {
    return new DrillFilter(tenant, planName, planType, verdict, since, until, running, pageLimit, pageOffset);
  }

  /** Whether any criterion is one the store matches itself, after reading the rows. */
  boolean hasPayloadCriteria() {
    return planName != null || planType != null || verdict != null;
  }

  /** The criteria the store does not put in SQL, because they live in the events' JSON payloads. */
  boolean matchesPayloadCriteria(DrillSummary drill) {
    return (planName == null || planName.equals(drill.planName()))
        && (planType == null || planType == drill.planType())
        && (verdict == null || verdict == drill.verdict());
  }
}
