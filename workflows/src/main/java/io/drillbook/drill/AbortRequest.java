package io.drillbook.drill;

/** Who aborts a drill and why; recorded as {@code drill.aborted} before cleanup runs. */
public record AbortRequest(String actor, String reason) {}
