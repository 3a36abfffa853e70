package io.drillbook.evidence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * Opening one of drillbook's schemas (the evidence store, the API tokens) in the database an {@link
 * EvidenceConfig} names: its Flyway migrations, each schema with its own history table so they version
 * independently in one database, then a small connection pool.
 */
public final class DrillbookDatabase {
  private DrillbookDatabase() {}

  /**
   * Migrates (or, with {@code migrate=false}, only validates) the schema at {@code classpath:location} and
   * returns a pool of at most {@code poolSize} connections for it.
   *
   * @param autoCommit false for callers that run their own transactions
   */
  public static HikariDataSource open(EvidenceConfig config, String location, String historyTable, String poolName,
      int poolSize, boolean autoCommit) {
    Flyway flyway = Flyway.configure()
        .dataSource(config.jdbcUrl(), config.user(), config.password())
        .locations("classpath:" + location)
        // A baseline below V1: the database may already hold the other drillbook schema.
        .table(historyTable)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
    if (config.migrate()) {
      flyway.migrate();
    } else {
      flyway.validate();
    }
    HikariConfig pool = new HikariConfig();
    pool.setPoolName(poolName);
    pool.setJdbcUrl(config.jdbcUrl());
    pool.setUsername(config.user());
    pool.setPassword(config.password());
    pool.setMaximumPoolSize(poolSize);
    pool.setMinimumIdle(0);
    pool.setAutoCommit(autoCommit);
    if (config.jdbcUrl().startsWith("jdbc:h2:")) {
      // Stream result rows instead of materialising them first: verifying a long drill reads twice as fast.
      pool.setConnectionInitSql("SET LAZY_QUERY_EXECUTION TRUE");
    } else {
      // Server error details quote key values (a tenant, say) into exception messages, which end up in
      // Temporal failures and logs.
      pool.addDataSourceProperty("logServerErrorDetail", "false");
    }
    return new HikariDataSource(pool);
  }
}
