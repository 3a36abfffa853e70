package io.drillbook.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The drillbook CLI in a JVM of its own, on the test's class path, so a test can kill it the hard way
 * (SIGKILL: no shutdown hook, no cleanup) in the middle of a drill.
 */
final class ChildCli {
  private ChildCli() {}

  /**
   * @param temporalAddress the Temporal service to use, or null for the CLI's embedded one
   * @param log where the child's stdout and stderr go
   */
  static Process start(Path home, String temporalAddress, Path log, String... args) throws IOException {
    return start(home, temporalAddress, log, java.util.Map.of(), args);
  }

  /** @param env more environment variables for the child, e.g. where its AWS SDK sends requests */
  static Process start(Path home, String temporalAddress, Path log, java.util.Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--sun-misc") || a.startsWith("--enable-native-access"))
        .forEach(command::add);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("DRILLBOOK_HOME", home.toString());
    pb.environment().remove("DRILLBOOK_EVIDENCE_URL");
    // The Java test server serving these children never releases a dead worker's sticky queue (a real
    // cluster does after 5 s): workers beside a test server run without sticky execution, as documented.
    pb.environment().put("DRILLBOOK_STICKY_EXECUTION", "false");
    if (temporalAddress == null) {
      pb.environment().remove("TEMPORAL_ADDRESS");
    } else {
      pb.environment().put("TEMPORAL_ADDRESS", temporalAddress);
    }
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    return pb.start();
  }

  /** SIGKILL, and wait until the process is gone. */
  static void kill(Process p) throws InterruptedException {
    p.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    if (p.isAlive()) {
      throw new AssertionError("the child drillbook process " + p.pid() + " survived SIGKILL");
    }
  }
}
