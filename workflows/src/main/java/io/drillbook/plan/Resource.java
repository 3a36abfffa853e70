package io.drillbook.plan;

import java.util.Map;

/**
 * A system the plan acts on. {@code config} is provider-specific (a DSN, a path, an ARN) and holds only
 * references to secrets, never secrets (rule 8).
 */
public record Resource(String provider, String type, Map<String, Object> config) {
  public Resource {
    config = config == null ? Map.of() : config;
  }

  /** The cloud region ({@code config.region}), or null for providers without regions. */
  public String region() {
    Object r = config.get("region");
    return r == null ? null : r.toString();
  }
}
