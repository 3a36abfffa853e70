package io.drillbook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment of a drillbook worker benchmarked beside the embedded Temporal test server: a fresh temporary
 * home (H2 evidence in it), and none of the caller's settings that would point it at another Temporal or
 * evidence store.
 */
final class EmbeddedBenchEnvironment {
  private EmbeddedBenchEnvironment() {}

  static Map<String, String> create() throws IOException {
    Path home = Files.createTempDirectory("drillbook-bench-");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("DRILLBOOK_HOME", home.toString());
    env.remove("TEMPORAL_ADDRESS");
    env.remove("DRILLBOOK_EVIDENCE_URL");
    return env;
  }
}
