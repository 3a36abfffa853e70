package io.drillbook.plan;

/**
 * What an approval or manual step does when nobody decided within its timeout: fail the step, continue
 * (recorded as an observation), or escalate (record and notify the Accountable's party and the Informed,
 * then wait one more timeout before failing).
 */
public enum OnTimeout {
  FAIL,
  CONTINUE,
  ESCALATE
}
