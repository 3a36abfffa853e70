package io.drillbook.cli;

import io.drillbook.runtime.ExitCodes;
import io.drillbook.runtime.UserError;
import java.io.PrintWriter;
import io.drillbook.runtime.DrillbookSettings;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Entry point of the {@code drillbook} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
  }

  /**
   * Runs one CLI invocation with the given environment (DRILLBOOK_*, TEMPORAL_*) and returns the exit code
   * instead of exiting, so tests drive the real commands.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    if (args.length > 0 && (args[0].equals("worker") || args[0].equals("dev"))) {
      // Long-running processes log to the console too, where container runtimes and operators look.
      System.setProperty("drillbook.console.level", "INFO");
    }
    CommandLine cli = new CommandLine(new DrillbookCommand(), new CliCommand.Factory(env));
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, err, env));
    return cli.execute(args);
  }

  private static int handle(Exception e, PrintWriter err, Map<String, String> env) {
    if (e instanceof UserError u) {
      err.println("drillbook: " + u.getMessage());
      return u.exitCode();
    }
    Logger log = LoggerFactory.getLogger(Main.class);
    log.error("internal error", e);
    err.println("drillbook: internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    err.println("This is a bug in drillbook; the stack trace is in " + logFile(env) + ".");
    return ExitCodes.INTERNAL;
  }

  private static Path logFile(Map<String, String> env) {
    return DrillbookSettings.fromEnvironment(env).logDir().resolve("drillbook.log");
  }
}
