package io.drillbook.cli;

import io.drillbook.runtime.ExitCodes;
import io.drillbook.runtime.UserError;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Entry point of the {@code drillbook} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one CLI invocation; returns the exit code instead of exiting (tests call this). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    if (args.length > 0 && (args[0].equals("worker") || args[0].equals("dev"))) {
      // Long-running processes log to the console too, where container runtimes and operators look.
      System.setProperty("drillbook.console.level", "INFO");
    }
    CommandLine cli = new CommandLine(new DrillbookCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, err));
    return cli.execute(args);
  }

  private static int handle(Exception e, PrintWriter err) {
    if (e instanceof UserError u) {
      err.println("drillbook: " + u.getMessage());
      return u.exitCode();
    }
    Logger log = LoggerFactory.getLogger(Main.class);
    log.error("internal error", e);
    err.println("drillbook: internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    err.println("This is a bug in drillbook; the stack trace is in " + logFile() + ".");
    return ExitCodes.INTERNAL;
  }

  private static Path logFile() {
    String home = System.getenv("DRILLBOOK_HOME");
    Path dir = home == null ? Path.of(System.getProperty("user.home"), ".drillbook") : Path.of(home);
    return dir.resolve("logs").resolve("drillbook.log");
  }
}
