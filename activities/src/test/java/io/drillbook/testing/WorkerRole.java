package io.drillbook.testing;

import io.drillbook.evidence.EvidenceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The worker's own login role on a test database, given what a {@code deploy/sql} grants file grants
 * {@code drillbook_worker}, as an operator applies it: {@link #create}, migrate as the owner, {@link #grant},
 * then work as the worker through {@link #config()} (migrations off) or {@link #connect()}. Roles belong to the
 * server, so {@link #drop()} once the database is dropped.
 */
public final class WorkerRole {
  private static final String PASSWORD = "worker-secret";

  private final PostgresTestDatabase db;
  private final String name;

  private WorkerRole(PostgresTestDatabase db, String name) {
    this.db = db;
    this.name = name;
  }

  public static WorkerRole create(PostgresTestDatabase db) throws SQLException {
    WorkerRole role = new WorkerRole(db, PostgresTestDatabase.uniqueName("drillbook_worker_"));
    db.onMaintenanceDatabase("CREATE ROLE " + role.name + " LOGIN PASSWORD '" + PASSWORD + "'");
    return role;
  }

  /** Applies {@code grantsFile} to this role in place of {@code drillbook_worker}. */
  public void grant(Path grantsFile) throws SQLException, IOException {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute(Files.readString(grantsFile).replace("drillbook_worker", name));
    }
  }

  public EvidenceConfig config() {
    return new EvidenceConfig(db.jdbcUrl(), name, PASSWORD, false);
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), name, PASSWORD);
  }

  public void drop() throws SQLException {
    db.onMaintenanceDatabase("DROP ROLE IF EXISTS " + name);
  }
}
