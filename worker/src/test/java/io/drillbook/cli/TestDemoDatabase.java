package io.drillbook.cli;

import io.drillbook.provider.local.DemoDatabase;
import io.drillbook.testing.PostgresTestDatabase;
import java.util.Map;

/**
 * A demo database of its own on the tests' PostgreSQL server ({@code DRILLBOOK_TEST_PG_HOST}/{@code _PORT},
 * 127.0.0.1:5432 by default, user postgres), the source of a drill under test; dropped at close.
 */
final class TestDemoDatabase implements AutoCloseable {
  private final DemoDatabase server;
  private final String name;
  private final String dsn;

  private TestDemoDatabase(DemoDatabase server, String name, String dsn) {
    this.server = server;
    this.name = name;
    this.dsn = dsn;
  }

  static TestDemoDatabase create(int sizeMb) {
    Map<String, String> env = System.getenv();
    String hostPort = env.getOrDefault("DRILLBOOK_TEST_PG_HOST", "127.0.0.1") + ":" + env.getOrDefault("DRILLBOOK_TEST_PG_PORT", "5432");
    DemoDatabase server = DemoDatabase.on("postgresql://" + hostPort + "/postgres", "postgres", null);
    String name = PostgresTestDatabase.uniqueName("drillbook_test_");
    server.create(name, sizeMb);
    return new TestDemoDatabase(server, name, "postgresql://" + hostPort + "/" + name);
  }

  /** The DSN a plan's {@code config.dsn} takes. */
  String dsn() {
    return dsn;
  }

  @Override
  public void close() {
    server.drop(name);
  }
}
