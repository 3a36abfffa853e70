package io.drillbook.cli;

import io.drillbook.plan.LoadedPlan;
import io.drillbook.plan.PlanLoader;
import io.drillbook.provider.ProviderCatalog;
import io.drillbook.runtime.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Loading plan files for commands: a missing file or an invalid plan is a user error listing every problem. */
final class PlanFiles {
  private PlanFiles() {}

  static LoadedPlan load(Path file, ProviderCatalog catalog) {
    if (Files.isDirectory(file)) {
      throw new UserError(file + " is a directory: give a plan YAML file (e.g. examples/plans/local-restore-test.yaml)");
    }
    try {
      return PlanLoader.load(file, catalog);
    } catch (NoSuchFileException e) {
      throw new UserError("plan file " + file + " does not exist");
    } catch (IOException e) {
      throw new UserError("cannot read plan file " + file + ": " + e.getMessage());
    }
  }

  /** Loads a plan that must be valid; otherwise prints every error and warning to {@code err} and fails. */
  static LoadedPlan loadValid(Path file, ProviderCatalog catalog, PrintWriter err) {
    LoadedPlan loaded = load(file, catalog);
    printFindings(loaded, err);
    if (!loaded.valid()) {
      throw new UserError(loaded.file() + " is not a valid plan (" + loaded.errors().size()
          + (loaded.errors().size() == 1 ? " error" : " errors") + " above); nothing was started");
    }
    return loaded;
  }

  static void printFindings(LoadedPlan loaded, PrintWriter err) {
    loaded.errors().forEach(err::println);
    loaded.warnings().forEach(err::println);
    err.flush();
  }
}
