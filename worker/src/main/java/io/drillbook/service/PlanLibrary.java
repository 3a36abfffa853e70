package io.drillbook.service;

import io.drillbook.auth.Permission;
import io.drillbook.auth.Principal;
import io.drillbook.plan.LoadedPlan;
import io.drillbook.plan.ParsedPlan;
import io.drillbook.plan.PlanError;
import io.drillbook.plan.PlanLoader;
import io.drillbook.plan.PlanParser;
import io.drillbook.plan.PlanMetadata;
import io.drillbook.plan.ValidationRule;
import io.drillbook.provider.ProviderCatalog;
import io.drillbook.service.ServiceRefusal.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The plans drills may be started from over the API: the {@code *.yaml} files of one directory
 * ({@code DRILLBOOK_PLANS_DIR}, default {@code examples/plans} when it exists), read again on every request
 * so that a plan merged in git is usable without a restart. Each caller sees the plans of its tenants only.
 */
public final class PlanLibrary {
  private final Path directory;
  private final ProviderCatalog catalog;

  /** @param directory null when there is no plans directory */
  public PlanLibrary(Path directory, ProviderCatalog catalog) {
    this.directory = directory;
    this.catalog = catalog;
  }

  public static PlanLibrary fromEnvironment(Map<String, String> env, ProviderCatalog catalog) {
    String configured = env.get("DRILLBOOK_PLANS_DIR");
    if (configured != null && !configured.isBlank()) {
      return new PlanLibrary(Path.of(configured), catalog);
    }
    Path examples = Path.of("examples", "plans");
    return new PlanLibrary(Files.isDirectory(examples) ? examples : null, catalog);
  }

  public Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }

  /** The plans of the caller's tenants, by file name; a file too broken to name its tenant only to MSP-wide callers. */
  public List<StoredPlan> visibleTo(Principal who) {
    RoleCheck.require(who, Permission.READ, "read plans");
    return all().stream().filter(p -> p.tenant() == null ? who.tenant() == null : who.scope().includes(p.tenant()))
        .toList();
  }

  /**
   * The caller's plan named {@code name}, valid or not.
   *
   * @throws ServiceRefusal NOT_FOUND when the caller has no plan by that name, CONFLICT when two files use it
   */
  public StoredPlan find(Principal who, String name) {
    List<StoredPlan> named = visibleTo(who).stream().filter(p -> name.equals(p.name())).toList();
    if (named.isEmpty()) {
      throw new ServiceRefusal(Kind.NOT_FOUND, "no plan named '" + name + "'",
          "plans are the metadata.name of the YAML files in the plans directory; list them with GET /api/v1/plans");
    }
    if (named.size() > 1) {
      throw new ServiceRefusal(Kind.CONFLICT, "plan name '" + name + "' is used by " + named.get(0).loaded().file()
          + " and " + named.get(1).loaded().file(), "rename one of them (metadata.name)");
    }
    return named.get(0);
  }

  private List<StoredPlan> all() {
    if (directory == null) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml") && Files.isRegularFile(f))
          .sorted().map(this::load).toList();
    } catch (IOException e) {
      throw new ServiceRefusal(Kind.UNAVAILABLE, "cannot list the plans directory " + directory + ": " + e.getMessage(),
          "check DRILLBOOK_PLANS_DIR");
    }
  }

  /** Problems are reported under the file's name alone: callers need not learn where the server keeps plans. */
  private StoredPlan load(Path file) {
    String name = file.getFileName().toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      PlanError unreadable = new PlanError(name, 1, 1, "cannot read the file: " + e.getClass().getSimpleName(),
          ValidationRule.SCHEMA.id());
      return new StoredPlan(null, null, null, new LoadedPlan(null, null, name, List.of(unreadable), List.of()));
    }
    LoadedPlan loaded = PlanLoader.load(text, name, catalog);
    // An invalid plan has no Plan, but its metadata usually reads fine: it names the plan and its tenant.
    PlanMetadata metadata = loaded.valid() ? loaded.plan().metadata() : metadataOf(text, name);
    return metadata == null
        ? new StoredPlan(null, null, null, loaded)
        : new StoredPlan(metadata.name(), metadata.tenant(), metadata.type(), loaded);
  }

  private static PlanMetadata metadataOf(String text, String name) {
    ParsedPlan parsed = PlanParser.parse(text, name);
    return parsed.readable() ? parsed.plan().metadata() : null;
  }
}
