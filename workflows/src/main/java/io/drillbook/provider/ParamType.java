package io.drillbook.provider;

/** Types a {@link ParamSpec} can declare. DURATION is the plan's duration syntax (90s, 15m, 4h, 2d). */
public enum ParamType {
  STRING,
  INTEGER,
  NUMBER,
  BOOLEAN,
  DURATION,
  ENUM,
  OBJECT,
  LIST
}
