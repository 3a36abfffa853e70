package io.drillbook.cli;

import io.drillbook.runtime.DrillbookSettings;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Spec;

/**
 * Base of every command that runs: its output streams and the environment it reads its settings from
 * (the process environment, or the one a test passes to {@link Main#run}).
 */
abstract class CliCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  private Map<String, String> env = System.getenv();

  final void environment(Map<String, String> environment) {
    this.env = environment;
  }

  final Map<String, String> env() {
    return env;
  }

  final DrillbookSettings settings() {
    return DrillbookSettings.fromEnvironment(env);
  }

  final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  final PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Creates commands and hands each the environment of this invocation. */
  static final class Factory implements CommandLine.IFactory {
    private final Map<String, String> env;

    Factory(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      K command = CommandLine.defaultFactory().create(type);
      if (command instanceof CliCommand c) {
        c.environment(env);
      }
      return command;
    }
  }
}
