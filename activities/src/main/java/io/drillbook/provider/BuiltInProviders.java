package io.drillbook.provider;

import io.drillbook.provider.aws.AuroraClusterDriver;
import io.drillbook.provider.aws.AwsClients;
import io.drillbook.provider.aws.BackupVaultDriver;
import io.drillbook.provider.aws.EbsVolumeDriver;
import io.drillbook.provider.aws.RdsInstanceDriver;
import io.drillbook.provider.aws.S3BucketDriver;
import io.drillbook.provider.catalog.AwsResourceTypes;
import io.drillbook.provider.catalog.AzureResourceTypes;
import io.drillbook.provider.local.DirectoryDriver;
import io.drillbook.provider.local.PostgresqlDriver;
import java.util.ArrayList;
import java.util.List;

/**
 * The drivers this build ships: the {@code local} provider's, the {@code aws} provider's, and the Azure resource
 * types declared (so their plans validate and their RACI can be reviewed) but not carried out yet.
 */
public final class BuiltInProviders {
  private BuiltInProviders() {}

  public static ProviderRegistry registry() {
    List<ResourceDriver> drivers = new ArrayList<>();
    drivers.add(new PostgresqlDriver());
    drivers.add(new DirectoryDriver());
    AwsClients aws = AwsClients.fromEnvironment();
    drivers.add(new RdsInstanceDriver(aws));
    drivers.add(new AuroraClusterDriver(aws));
    drivers.add(new EbsVolumeDriver(aws));
    drivers.add(new BackupVaultDriver(aws));
    drivers.add(new S3BucketDriver(aws));
    AwsResourceTypes.ALL.stream().filter(spec -> !spec.implemented()).forEach(spec -> drivers.add(new UnsupportedResourceType(spec)));
    AzureResourceTypes.ALL.forEach(spec -> drivers.add(new UnsupportedResourceType(spec)));
    return new ProviderRegistry(drivers);
  }
}
