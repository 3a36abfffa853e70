package io.drillbook.cli;

import io.drillbook.drill.DrillId;
import io.drillbook.drill.DrillRequest;
import io.drillbook.drill.Trigger;
import io.drillbook.plan.LoadedPlan;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.BuiltInProviders;
import io.drillbook.provider.local.DemoDatabase;
import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.ExitCodes;
import io.drillbook.runtime.TemporalConnection;
import io.drillbook.runtime.UserError;
import io.drillbook.service.DrillService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run drillbook's main job end to end on this machine: create a throwaway PostgreSQL database of synthetic,",
      "non-personal EHR-like data, then run a drill on the embedded Temporal server: snapshot, restore test into a",
      "scratch cluster, data verification, failover test with measured RTO/RPO, CSV export with a SHA-256 manifest,",
      "cleanup. Uses the PostgreSQL at PGHOST:PGPORT (default 127.0.0.1:5432) as PGUSER (default postgres)."
    })
final class DemoCommand extends CliCommand {

  @Option(names = "--size-mb", defaultValue = "200", paramLabel = "MB",
      description = "size of the synthetic data (default: ${DEFAULT-VALUE})")
  int sizeMb;

  @Option(names = "--keep-database", description = "keep the demo database afterwards (it is dropped by default)")
  boolean keepDatabase;

  @Override
  public Integer call() throws Exception {
    if (sizeMb < 1 || sizeMb > 100_000) {
      throw new UserError("--size-mb must be between 1 and 100000, not " + sizeMb);
    }
    DrillbookSettings settings = settings();
    String host = env().getOrDefault("PGHOST", "127.0.0.1");
    String port = env().getOrDefault("PGPORT", "5432");
    String user = env().getOrDefault("PGUSER", "postgres");
    String password = env().get("PGPASSWORD");
    String name = "drillbook_demo_" + DrillId.newId().substring(22).toLowerCase(Locale.ROOT);
    String dsn = "postgresql://" + host + ":" + port + "/" + name;
    DemoDatabase demo = DemoDatabase.on("postgresql://" + host + ":" + port + "/postgres", user, password);

    out().println("creating demo database " + name + " on " + host + ":" + port + " (" + sizeMb + " MB of synthetic data)...");
    out().flush();
    DemoDatabase.Summary data;
    try {
      data = demo.create(name, sizeMb);
    } catch (ActionFailure e) {
      throw new UserError("the demo needs a PostgreSQL it can use at " + host + ":" + port + " as " + user + ": "
          + e.getMessage() + "\nStart one (e.g. `pg_ctlcluster 15 main start`) or point PGHOST, PGPORT, PGUSER and "
          + "PGPASSWORD at one where this user may create databases.", ExitCodes.ENVIRONMENT);
    }
    try {
      out().printf("  %d tables, %d rows, %d MB%n", data.rowCounts().size(),
          data.rowCounts().values().stream().mapToLong(Long::longValue).sum(), data.bytes() / (1024 * 1024));
      Path plan = writePlan(settings, name, dsn, password != null);
      LoadedPlan loaded = PlanFiles.loadValid(plan, BuiltInProviders.registry(), err());
      out().println("plan " + plan);
      DrillRequest request = new DrillRequest(DrillId.newId(), loaded.plan(), loaded.sha256(), loaded.file(),
          Trigger.MANUAL, System.getProperty("user.name"));
      try (TemporalConnection temporal = TemporalConnection.embedded(0);
          DrillbookRuntime runtime = DrillbookRuntime.open(settings)) {
        runtime.startWorker(temporal.client());
        return new DrillRun(out(), out(), true, false).execute(new DrillService(temporal.client()), request, temporal.address(), runtime);
      }
    } finally {
      if (keepDatabase) {
        out().println("kept demo database " + name + " (drop it with: dropdb -h " + host + " -p " + port + " " + name + ")");
      } else {
        demo.drop(name);
        out().println("dropped demo database " + name);
      }
      out().flush();
    }
  }

  /** The shipped demo plan with this run's database and export directory filled in. */
  private static Path writePlan(DrillbookSettings settings, String name, String dsn, boolean withPassword) throws IOException {
    String template;
    try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/demo-plan.yaml")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path dir = Files.createDirectories(settings.home().resolve("demo"));
    String text = template
        .replace("${DSN}", dsn)
        .replace("${CREDENTIALS}", withPassword ? ", credentialsRef: env:PGPASSWORD" : "")
        .replace("${EXPORT_DIR}", dir.resolve("exports").toString());
    Path plan = dir.resolve(name + ".yaml");
    Files.writeString(plan, text);
    return plan;
  }

}
