package io.drillbook.plan;

/** How `drillbook plan raci --format` prints the matrix. */
public enum RaciFormat {
  TABLE,
  MARKDOWN,
  CSV
}
