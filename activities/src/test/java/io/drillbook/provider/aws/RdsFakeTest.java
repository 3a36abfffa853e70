package io.drillbook.provider.aws;

import io.drillbook.provider.local.TestSourceCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the RDS and Aurora driver tests share: the RDS fake and real SDK clients on it (recording their
 * operations for the least-privilege test), per test; the production and restored clusters, per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RdsFakeTest {

  @RegisterExtension static final AwsOperationLog OPS = new AwsOperationLog();

  @TempDir Path work;
  DatabaseClusters clusters;
  TestSourceCluster production;
  TestSourceCluster restoredCopy;
  AwsFake fake;
  AwsClients aws;

  /** Builds the driver under test on fresh clients. */
  abstract void useClients(AwsClients clients);

  @BeforeAll
  void startClusters() throws Exception {
    clusters = new DatabaseClusters("drillbook-" + getClass().getSimpleName());
    production = clusters.production;
    restoredCopy = clusters.restoredCopy;
  }

  @AfterAll
  void stopClusters() throws Exception {
    clusters.close();
  }

  @BeforeEach
  void start() {
    fake = new AwsFake();
    aws = fake.clients(OPS.recorder());
    useClients(aws);
  }

  @AfterEach
  void stop() {
    aws.close();
    fake.close();
  }
}
