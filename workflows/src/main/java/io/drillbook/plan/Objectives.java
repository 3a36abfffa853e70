package io.drillbook.plan;

import java.time.Duration;

/** Recovery time and recovery point objectives; either may be null where the plan type allows it. */
public record Objectives(Duration rto, Duration rpo) {
  public static final Objectives NONE = new Objectives(null, null);
}
