package io.drillbook.plan;

import org.yaml.snakeyaml.error.Mark;

/** A 1-based line and column in a plan file, as editors and compilers print them. */
public record SourcePosition(int line, int column) {

  public static final SourcePosition START = new SourcePosition(1, 1);

  static SourcePosition of(Mark mark) {
    return new SourcePosition(mark.getLine() + 1, mark.getColumn() + 1);
  }
}
