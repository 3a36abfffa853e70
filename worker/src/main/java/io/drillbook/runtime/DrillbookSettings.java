package io.drillbook.runtime;

import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.plan.DurationSyntax;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where drillbook keeps its state and which services it talks to, read once from the environment:
 * {@code DRILLBOOK_HOME} (default {@link EvidenceConfig#home}), {@code DRILLBOOK_EVIDENCE_URL} (default an H2 file
 * under the home), {@code TEMPORAL_ADDRESS} (unset: an embedded Temporal test server in this process),
 * {@code DRILLBOOK_SWEEP_INTERVAL} (how often a worker sweeps its work directory, default 5m).
 */
public record DrillbookSettings(Path home, String temporalAddress, Map<String, String> env) {

  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(5);

  public static DrillbookSettings fromEnvironment(Map<String, String> env) {
    Path homeDir = EvidenceConfig.home(env);
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

  /** The lock files of the workers running on this home (see {@link LiveWorkers}). */
  public Path workersDir() {
    return home.resolve("workers");
  }

  /** {@code DRILLBOOK_SWEEP_INTERVAL} in the plan's duration syntax ({@code 30s}, {@code 5m}, {@code 1h}). */
  public Duration sweepInterval() {
    String value = env.get("DRILLBOOK_SWEEP_INTERVAL");
    if (value == null || value.isBlank()) {
      return DEFAULT_SWEEP_INTERVAL;
    }
    return DurationSyntax.parse(value).filter(Duration::isPositive).orElseThrow(() -> new UserError(
        "DRILLBOOK_SWEEP_INTERVAL=" + value + " is not a positive duration: " + DurationSyntax.HINT, ExitCodes.USAGE));
  }
}
