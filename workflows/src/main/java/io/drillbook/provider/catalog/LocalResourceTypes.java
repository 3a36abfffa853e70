package io.drillbook.provider.catalog;

import static io.drillbook.provider.ParamSpec.listOf;
import static io.drillbook.provider.ParamSpec.object;
import static io.drillbook.provider.ParamSpec.oneOf;
import static io.drillbook.provider.ParamSpec.optional;
import static io.drillbook.provider.ParamSpec.required;

import io.drillbook.plan.Action;
import io.drillbook.provider.ActionSpec;
import io.drillbook.provider.ParamSpec;
import io.drillbook.provider.ParamType;
import io.drillbook.provider.ResourceTypeSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code local} provider's resource types and action parameters, as PLAN-FORMAT.md defines them. The
 * drivers in the activities module return these specs, so validator and drivers cannot disagree.
 */
public final class LocalResourceTypes {

  private LocalResourceTypes() {}

  private static final ParamSpec KEEP_FOR =
      optional("keepFor", ParamType.DURATION, "how long the scratch target may outlive the drill before cleanup or the sweeper removes it");

  private static final ParamSpec DESTINATION = required("destination", ParamType.STRING,
          "where the export goes: dir:/abs/path (a directory this machine can write)")
      .withPrefixes("dir:");

  public static final ResourceTypeSpec POSTGRESQL = new ResourceTypeSpec(
      "local",
      "postgresql",
      List.of(
          required("dsn", ParamType.STRING, "postgresql://HOST:PORT/DB of the database under test")
              .withPrefixes("postgresql://", "postgres://"),
          optional("credentialsRef", ParamType.STRING, "reference to the password: env:NAME, file:/path"),
          optional("user", ParamType.STRING, "database user (default: postgres)"),
          optional("binDir", ParamType.STRING, "directory of the PostgreSQL binaries (default: PATH, then /usr/lib/postgresql/*/bin)")),
      actions(
          ActionSpec.of(Action.SNAPSHOT,
              oneOf("method", "basebackup", "basebackup: whole cluster, checked with pg_verifybackup; dump: one database, pg_dump custom format", "basebackup", "dump")),
          ActionSpec.creating(Action.RESTORE,
              oneOf("target", "scratch", "scratch: a new cluster on a free port, owned by the drill", "scratch"),
              KEEP_FOR),
          ActionSpec.of(Action.VERIFY,
              object("rowCounts", false, "compare every table's row count with the source at snapshot time",
                  oneOf("compareWith", "source", "what to compare with", "source"),
                  optional("tolerance", ParamType.INTEGER, "rows of difference accepted per table (default 0)")),
              listOf("checks",
                  object("check", false, "a named check",
                      required("name", ParamType.STRING, "name shown in the report"),
                      required("query", ParamType.STRING, "SQL returning one number (an aggregate, never rows of data)"),
                      required("expect", ParamType.STRING, "comparison with the result: \">= 1\", \"== 42\", \"< 10\"")),
                  "named checks, each a query returning one number"),
              listOf("queries", required("query", ParamType.STRING, "SQL returning one number"),
                  "unnamed aggregate queries whose results are recorded"),
              optional("checksums", ParamType.BOOLEAN, "per-table hash of ordered rows, restored vs source")),
          ActionSpec.creatingWhen(Action.FAILOVER, "standby", "scratch",
              oneOf("standby", "scratch", "scratch: build a streaming standby owned by the drill", "scratch"),
              optional("canaryInterval", ParamType.DURATION, "how often the canary writer writes (default 100ms)"),
              KEEP_FOR),
          ActionSpec.of(Action.FAILBACK,
              optional("canaryInterval", ParamType.DURATION, "how often the canary writer writes (default 100ms)")),
          ActionSpec.creating(Action.EXPORT,
              oneOf("format", "dump", "dump: pg_dump custom format; csv: one CSV file per table", "dump", "csv"),
              DESTINATION),
          ActionSpec.of(Action.DELETE)),
      false,
      true);

  public static final ResourceTypeSpec DIRECTORY = new ResourceTypeSpec(
      "local",
      "directory",
      List.of(required("path", ParamType.STRING, "absolute path of the directory")),
      actions(
          ActionSpec.of(Action.SNAPSHOT),
          ActionSpec.creating(Action.RESTORE,
              oneOf("target", "scratch", "scratch: a new directory owned by the drill", "scratch"),
              KEEP_FOR),
          ActionSpec.of(Action.VERIFY),
          ActionSpec.creating(Action.EXPORT, DESTINATION),
          ActionSpec.of(Action.DELETE)),
      false,
      true);

  public static final List<ResourceTypeSpec> ALL = List.of(POSTGRESQL, DIRECTORY);

  static Map<Action, ActionSpec> actions(ActionSpec... specs) {
    Map<Action, ActionSpec> m = new LinkedHashMap<>();
    for (ActionSpec s : specs) {
      m.put(s.action(), s);
    }
    return m;
  }
}
