package io.drillbook.drill;

/** How a drill was started. */
public enum Trigger {
  MANUAL,
  SCHEDULE,
  API
}
