package io.drillbook.provider.aws;

import io.drillbook.provider.local.TestSourceCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;

/**
 * The real databases behind the fake's endpoints: {@code production} and {@code restoredCopy}, two clusters
 * with the demo database {@code ehr}, under a directory the clusters' owner can reach (also home to the
 * failover tests' primary/standby pairs). {@link TestSourceCluster#copyTo} makes the copy what a restore of a
 * snapshot would hold.
 */
final class DatabaseClusters implements AutoCloseable {

  final Path dir;
  final TestSourceCluster production;
  final TestSourceCluster restoredCopy;

  DatabaseClusters(String name) throws Exception {
    dir = Files.createTempDirectory(name, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    production = new TestSourceCluster(Files.createDirectory(dir.resolve("production")));
    restoredCopy = new TestSourceCluster(Files.createDirectory(dir.resolve("restored")));
  }

  /** A fresh directory for one more cluster pair. */
  Path newDirectory(String name) throws Exception {
    return Files.createDirectory(dir.resolve(name));
  }

  @Override
  public void close() throws Exception {
    production.close();
    restoredCopy.close();
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
