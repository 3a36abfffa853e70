package io.drillbook.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where drillbook keeps its state and which services it talks to, read once from the environment:
 * {@code DRILLBOOK_HOME} (default {@code ~/.drillbook}), {@code DRILLBOOK_EVIDENCE_URL} (default an H2 file
 * under the home), {@code TEMPORAL_ADDRESS} (unset: an embedded Temporal test server in this process).
 */
public record DrillbookSettings(Path home, String temporalAddress, Map<String, String> env) {

  public static DrillbookSettings fromEnvironment(Map<String, String> env) {
    String home = env.get("DRILLBOOK_HOME");
    Path homeDir = home == null || home.isBlank()
        ? Path.of(System.getProperty("user.home"), ".drillbook")
        : Path.of(home);
    String address = env.get("TEMPORAL_ADDRESS");
    return new DrillbookSettings(homeDir.toAbsolutePath(), address == null || address.isBlank() ? null : address, env);
  }

  public boolean embeddedTemporal() {
    return temporalAddress == null;
  }

  /** Scratch clusters, backups and exports the drills own. */
  public Path workDir() {
    return home.resolve("work");
  }

  public Path logDir() {
    return home.resolve("logs");
  }
}
