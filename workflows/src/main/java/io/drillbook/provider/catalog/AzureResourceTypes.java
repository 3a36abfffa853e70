package io.drillbook.provider.catalog;

import static io.drillbook.provider.ParamSpec.oneOf;
import static io.drillbook.provider.ParamSpec.optional;
import static io.drillbook.provider.ParamSpec.required;
import static io.drillbook.provider.catalog.CloudParams.DATABASE_ACCESS;
import static io.drillbook.provider.catalog.CloudParams.EXPORT_DESTINATION;
import static io.drillbook.provider.catalog.CloudParams.KEEP_FOR;
import static io.drillbook.provider.catalog.CloudParams.SCRATCH_TARGET;
import static io.drillbook.provider.catalog.CloudParams.SQL_VERIFY;
import static io.drillbook.provider.catalog.CloudParams.concat;
import static io.drillbook.provider.catalog.LocalResourceTypes.actions;

import io.drillbook.plan.Action;
import io.drillbook.provider.ActionSpec;
import io.drillbook.provider.ParamSpec;
import io.drillbook.provider.ParamType;
import io.drillbook.provider.ResourceTypeSpec;
import java.util.List;

/**
 * The {@code azure} provider's resource types (DESIGN.md "Providers"). Every type is regional and lives
 * in a subscription's resource group. Declared but not implemented yet: plans validate, drills fail with
 * "not supported".
 */
public final class AzureResourceTypes {

  private AzureResourceTypes() {}

  private static final List<ParamSpec> ACCESS = List.of(
      CloudParams.REGION,
      required("subscriptionId", ParamType.STRING, "the subscription id (a GUID)"),
      required("resourceGroup", ParamType.STRING, "the resource group holding the resource"));

  private static final ParamSpec FAILOVER_MODE = oneOf("mode", "planned",
      "planned: waits until the secondary is in sync (no data loss); forced: does not wait, as in a real outage",
      "planned", "forced");

  public static final ResourceTypeSpec MANAGED_DISK = new ResourceTypeSpec(
      "azure",
      "managed-disk",
      concat(ACCESS, List.of(required("diskName", ParamType.STRING, "the managed disk"))),
      actions(
          ActionSpec.of(Action.SNAPSHOT,
              optional("incremental", ParamType.BOOLEAN, "incremental snapshot (default true)").withDefault(true)),
          ActionSpec.creating(Action.RESTORE,
              SCRATCH_TARGET,
              oneOf("sku", "StandardSSD_LRS", "SKU of the scratch disk",
                  "Standard_LRS", "StandardSSD_LRS", "StandardSSD_ZRS", "Premium_LRS", "Premium_ZRS", "PremiumV2_LRS"),
              KEEP_FOR),
          ActionSpec.of(Action.VERIFY),
          ActionSpec.of(Action.DELETE)),
      true,
      false);

  public static final ResourceTypeSpec POSTGRESQL_FLEXIBLE = new ResourceTypeSpec(
      "azure",
      "postgresql-flexible",
      concat(ACCESS, List.of(required("serverName", ParamType.STRING, "the flexible server")), DATABASE_ACCESS),
      actions(
          ActionSpec.of(Action.SNAPSHOT),
          ActionSpec.creating(Action.RESTORE,
              SCRATCH_TARGET,
              optional("pointInTime", ParamType.STRING, "latest (default), or an ISO-8601 time within the backup retention"),
              KEEP_FOR),
          new ActionSpec(Action.VERIFY, SQL_VERIFY, false, null, null),
          ActionSpec.creatingWhen(Action.FAILOVER, "standby", "scratch",
              oneOf("standby", "scratch", "scratch: a read replica created for the drill, then promoted; ha: failover "
                  + "to the zone-redundant high-availability standby (touches production)", "scratch", "ha"),
              FAILOVER_MODE,
              KEEP_FOR),
          ActionSpec.of(Action.FAILBACK, FAILOVER_MODE),
          ActionSpec.creating(Action.EXPORT,
              oneOf("format", "dump", "dump: pg_dump custom format; csv: one CSV file per table", "dump", "csv"),
              EXPORT_DESTINATION),
          ActionSpec.of(Action.DELETE)),
      true,
      false);

  public static final ResourceTypeSpec SQL_FAILOVER_GROUP = new ResourceTypeSpec(
      "azure",
      "sql-failover-group",
      concat(ACCESS, List.of(
              required("serverName", ParamType.STRING, "the primary logical server"),
              required("failoverGroupName", ParamType.STRING, "the failover group")),
          DATABASE_ACCESS),
      actions(
          ActionSpec.of(Action.FAILOVER, FAILOVER_MODE),
          ActionSpec.of(Action.FAILBACK, FAILOVER_MODE),
          new ActionSpec(Action.VERIFY, SQL_VERIFY, false, null, null)),
      true,
      false);

  public static final ResourceTypeSpec BLOB_CONTAINER = new ResourceTypeSpec(
      "azure",
      "blob-container",
      concat(ACCESS, List.of(
          required("storageAccount", ParamType.STRING, "the storage account"),
          required("container", ParamType.STRING, "the container"))),
      actions(
          ActionSpec.of(Action.SNAPSHOT),
          ActionSpec.creating(Action.RESTORE, SCRATCH_TARGET, KEEP_FOR),
          ActionSpec.of(Action.VERIFY),
          ActionSpec.creating(Action.EXPORT, EXPORT_DESTINATION),
          ActionSpec.of(Action.DELETE)),
      true,
      false);

  public static final List<ResourceTypeSpec> ALL = List.of(MANAGED_DISK, POSTGRESQL_FLEXIBLE, SQL_FAILOVER_GROUP, BLOB_CONTAINER);
}
