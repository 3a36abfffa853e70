package io.drillbook.provider.catalog;

import static io.drillbook.provider.ParamSpec.oneOf;
import static io.drillbook.provider.ParamSpec.optional;
import static io.drillbook.provider.ParamSpec.required;

import io.drillbook.plan.Action;
import io.drillbook.provider.ParamSpec;
import io.drillbook.provider.ParamType;
import java.util.ArrayList;
import java.util.List;

/** Parameters the cloud providers' resource types share. */
final class CloudParams {

  private CloudParams() {}

  static final ParamSpec REGION = required("region", ParamType.STRING,
      "the region the resource is in; for health data it must be in the EEA");

  static final ParamSpec SCRATCH_TARGET = oneOf("target", "scratch",
      "scratch: a new resource owned by the drill, named and tagged after the drill id", "scratch");

  static final ParamSpec KEEP_FOR = optional("keepFor", ParamType.DURATION,
      "how long the scratch copy may outlive the drill before cleanup or the sweeper removes it");

  static final ParamSpec EXPORT_DESTINATION = required("destination", ParamType.STRING,
          "where the export goes: dir:/abs/path, s3://bucket/prefix or azure-blob://account/container/prefix")
      .withPrefixes("dir:", "s3://", "azure-blob://");

  /** Connection details for verify steps that query a database. */
  static final List<ParamSpec> DATABASE_ACCESS = List.of(
      optional("database", ParamType.STRING, "database that verify steps query"),
      optional("user", ParamType.STRING, "database user of verify steps"),
      optional("credentialsRef", ParamType.STRING, "reference to that user's password: env:NAME, file:/path, "
          + "aws-secretsmanager:ARN or azure-keyvault:URI"));

  /** A database is checked the same way wherever it runs: the local PostgreSQL verify parameters. */
  static final List<ParamSpec> SQL_VERIFY = LocalResourceTypes.POSTGRESQL.actions().get(Action.VERIFY).params();

  @SafeVarargs
  static List<ParamSpec> concat(List<ParamSpec>... parts) {
    List<ParamSpec> all = new ArrayList<>();
    for (List<ParamSpec> part : parts) {
      all.addAll(part);
    }
    return List.copyOf(all);
  }
}
