package io.drillbook.cli;

import io.drillbook.plan.GraphFormat;
import io.drillbook.plan.LoadedPlan;
import io.drillbook.plan.PlanError;
import io.drillbook.plan.PlanGraph;
import io.drillbook.plan.RaciFormat;
import io.drillbook.plan.RaciMatrix;
import io.drillbook.provider.BuiltInProviders;
import io.drillbook.runtime.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Validate plans and show their RACI matrix and step graph.",
    subcommands = {PlanCommand.Validate.class, PlanCommand.Raci.class, PlanCommand.Graph.class})
final class PlanCommand {

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = {"Check plans against every rule of the plan format; print every error as FILE:LINE:COL: error: MESSAGE (rule).",
          "Exit 0 when all are valid, 1 otherwise."})
  static final class Validate extends CliCommand {
    @Mixin JsonOption json;
    @Parameters(paramLabel = "PLAN", arity = "1..*", description = "plan YAML files") List<Path> files;

    @Override
    public Integer call() {
      PrintWriter out = out();
      PrintWriter err = err();
      List<Map<String, Object>> reports = new ArrayList<>();
      int invalid = 0;
      for (Path f : files) {
        LoadedPlan loaded = PlanFiles.load(f, BuiltInProviders.registry());
        if (!loaded.valid()) {
          invalid++;
        }
        if (json.enabled) {
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("file", loaded.file());
          r.put("valid", loaded.valid());
          r.put("sha256", loaded.sha256());
          r.put("errors", loaded.errors().stream().map(PlanCommand::errorJson).toList());
          r.put("warnings", loaded.warnings());
          reports.add(r);
        } else {
          PlanFiles.printFindings(loaded, err);
          if (loaded.valid()) {
            out.println(loaded.file() + ": valid (" + loaded.plan().steps().size() + " steps, "
                + loaded.plan().cleanup().size() + " cleanup, sha256 " + loaded.sha256().substring(0, 12) + ")");
          }
        }
      }
      if (json.enabled) {
        Json.print(out, reports);
      } else if (invalid > 0) {
        err.println(invalid + " of " + files.size() + " plan" + (files.size() == 1 ? "" : "s") + " invalid");
      }
      return invalid == 0 ? ExitCodes.OK : ExitCodes.USAGE;
    }
  }

  @Command(name = "raci", mixinStandardHelpOptions = true,
      description = "Print the RACI matrix (steps x parties): Responsible, Accountable, Consulted, Informed.")
  static final class Raci extends CliCommand {
    @Parameters(paramLabel = "PLAN") Path file;
    @Option(names = "--format", defaultValue = "table", description = "table, markdown or csv (default: ${DEFAULT-VALUE})")
    RaciFormat format;

    @Override
    public Integer call() {
      LoadedPlan loaded = PlanFiles.loadValid(file, BuiltInProviders.registry(), err());
      out().print(RaciMatrix.of(loaded.plan()).render(format));
      out().flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "graph", mixinStandardHelpOptions = true,
      description = "Print the step graph: levels of steps that may run in parallel, with their needs edges.")
  static final class Graph extends CliCommand {
    @Parameters(paramLabel = "PLAN") Path file;
    @Option(names = "--format", defaultValue = "text", description = "text, mermaid or dot (default: ${DEFAULT-VALUE})")
    GraphFormat format;

    @Override
    public Integer call() {
      LoadedPlan loaded = PlanFiles.loadValid(file, BuiltInProviders.registry(), err());
      out().print(PlanGraph.of(loaded.plan()).render(format));
      out().flush();
      return ExitCodes.OK;
    }
  }

  private static Map<String, Object> errorJson(PlanError e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", e.file());
    m.put("line", e.line());
    m.put("column", e.column());
    m.put("rule", e.rule());
    m.put("message", e.message());
    return m;
  }
}
