package io.drillbook.plan;

/**
 * One problem found in a plan file, with where it is and which rule of PLAN-FORMAT.md it breaks. Printed as
 * {@code FILE:LINE:COL: error: MESSAGE (rule)}; the message says how to fix it.
 */
public record PlanError(String file, int line, int column, String message, String rule) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": error: " + message + " (" + rule + ")";
  }
}
