package io.drillbook.drill;

import java.util.List;
import java.util.Map;

/**
 * What a provider action produced: outputs consumed by later steps ({@code from}) and recorded as evidence,
 * and observations (things worth a reader's attention that did not fail the step).
 *
 * <p>Well-known output keys the workflow reads: {@code rtoMillis} and {@code rpoMillis} (measured RTO/RPO),
 * {@code durationMillis}, {@code createdResources} (list of strings a sweeper can find).
 */
public record ActionResult(Map<String, Object> outputs, List<String> observations) {
  public ActionResult {
    outputs = outputs == null ? Map.of() : outputs;
    observations = observations == null ? List.of() : observations;
  }

  public static ActionResult of(Map<String, Object> outputs) {
    return new ActionResult(outputs, List.of());
  }
}
