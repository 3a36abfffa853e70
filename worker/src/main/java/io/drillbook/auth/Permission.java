package io.drillbook.auth;

/** What a caller may do to drills of the tenants it sees; {@link Role}s grant them. */
public enum Permission {
  /** List drills, read a drill, its events and their verification, list plans and their RACI. */
  READ,
  /** Start a drill from a stored plan. */
  START,
  /** Approve, deny or complete a waiting step, as oneself: the step's RACI must still name the caller. */
  DECIDE,
  /** Abort a running drill. */
  ABORT,
  /** Create, pause, resume, trigger, re-time and delete schedules (reading them is {@link #READ}). */
  SCHEDULE
}
