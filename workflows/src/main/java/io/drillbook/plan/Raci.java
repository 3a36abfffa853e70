package io.drillbook.plan;

import java.util.List;

/**
 * Who is Responsible (does it, one or more), Accountable (answers for it and signs off, exactly one),
 * Consulted and Informed for a step.
 */
public record Raci(List<String> responsible, String accountable, List<String> consulted, List<String> informed) {
  public Raci {
    responsible = responsible == null ? List.of() : responsible;
    consulted = consulted == null ? List.of() : consulted;
    informed = informed == null ? List.of() : informed;
  }
}
