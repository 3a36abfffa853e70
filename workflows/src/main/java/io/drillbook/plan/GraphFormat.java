package io.drillbook.plan;

/** How `drillbook plan graph --format` prints the step graph. */
public enum GraphFormat {
  TEXT,
  MERMAID,
  DOT
}
