package io.drillbook.drill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drillbook.plan.Action;
import io.drillbook.plan.StepDefaults;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StepActivityOptionsTest {

  @Test
  void startToCloseIsTheStepTimeoutFromThePlanOrItsActionDefault() {
    assertEquals(StepDefaults.timeout(TestPlans.step("s", Action.RESTORE).build()),
        StepActivityOptions.providerOptions(TestPlans.step("s", Action.RESTORE).build()).getStartToCloseTimeout());
    assertEquals(Duration.ofMinutes(5), StepActivityOptions.providerOptions(
        TestPlans.step("s", Action.RESTORE).timeout(Duration.ofMinutes(5)).build()).getStartToCloseTimeout());
  }

  @Test
  void aProviderActionHeartbeatsRetriesAndWaitsForCancellation() {
    ActivityOptions options = StepActivityOptions.providerOptions(TestPlans.step("s", Action.SNAPSHOT).build());
    RetryOptions retry = options.getRetryOptions();
    assertEquals(Duration.ofHours(2), options.getStartToCloseTimeout());
    assertEquals(Duration.ofSeconds(30), options.getHeartbeatTimeout());
    assertEquals(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED, options.getCancellationType());
    assertEquals(3, retry.getMaximumAttempts());
    assertEquals(Duration.ofSeconds(30), retry.getInitialInterval());
    assertEquals(2.0, retry.getBackoffCoefficient());
    assertArrayEquals(new String[] {ProviderActivities.ACTION_FAILED}, retry.getDoNotRetry());
  }

  @Test
  void thePlansRetryWinsAndAZeroBackoffMeansAtOnce() {
    RetryOptions retry = StepActivityOptions.providerOptions(
        TestPlans.step("s", Action.EXPORT).retry(5, Duration.ZERO).build()).getRetryOptions();
    assertEquals(5, retry.getMaximumAttempts());
    assertEquals(Duration.ofMillis(1), retry.getInitialInterval());
  }

  @Test
  void evidenceAppendsNeverRetryAConflictOrALostPredecessor() {
    RetryOptions retry = StepActivityOptions.evidenceOptions().getRetryOptions();
    assertEquals(0, retry.getMaximumAttempts());
    assertArrayEquals(new String[] {EvidenceActivities.CONFLICT, EvidenceActivities.LOST}, retry.getDoNotRetry());
  }
}
