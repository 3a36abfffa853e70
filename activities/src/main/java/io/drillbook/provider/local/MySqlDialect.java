package io.drillbook.provider.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * MySQL and MariaDB (RDS, Aurora MySQL) through MariaDB Connector/J, which speaks to both. A database is
 * a schema there: the tables listed are those of the connected database only.
 */
final class MySqlDialect implements SqlDialect {

  @Override
  public String scheme() {
    return "mysql";
  }

  @Override
  public String defaultUser() {
    return "admin";
  }

  @Override
  public Connection connect(PgEndpoint e) throws SQLException {
    return DriverManager.getConnection(url(e) + "?connectTimeout=10000", PostgresDialect.credentials(e));
  }

  private static String url(PgEndpoint e) {
    return "jdbc:mariadb://" + e.host() + ":" + e.port() + "/" + e.database();
  }

  @Override
  public String canaryUrl(PgEndpoint e) {
    return url(e) + "?connectTimeout=2000&socketTimeout=5000";
  }

  @Override
  public String tableListing() {
    return "SELECT table_schema, table_name, coalesce(data_length, 0) + coalesce(index_length, 0) "
        + "FROM information_schema.tables WHERE table_schema = database() AND table_type = 'BASE TABLE' "
        + "AND table_name <> '" + CanaryWriter.TABLE + "' ORDER BY BINARY table_name";
  }

  @Override
  public String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  @Override
  public void prepareChecksums(Statement st) throws SQLException {
    st.execute("SET time_zone = '+00:00'");
  }

  /**
   * MySQL has no row-to-text cast: each row is its columns' {@code QUOTE()} forms (NULL stays distinct from
   * the text 'NULL'), hex-encoded so columns of different collations concatenate. The sorted MD5s are
   * streamed and hashed here: a server-side {@code GROUP_CONCAT} is capped by {@code max_allowed_packet}.
   */
  @Override
  public String checksum(Connection c, TableInventory.Table t) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.columns "
        + "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
      ps.setString(1, t.schema());
      ps.setString(2, t.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add("hex(quote(" + quote(rs.getString(1)) + "))");
        }
      }
    }
    MessageDigest sha = sha256();
    try (Statement st = c.createStatement()) {
      st.setFetchSize(10_000);
      try (ResultSet rs = st.executeQuery("SELECT md5(concat_ws(',', " + String.join(", ", columns)
          + ")) AS h FROM " + t.sql() + " ORDER BY h")) {
        while (rs.next()) {
          sha.update(rs.getString(1).getBytes(StandardCharsets.US_ASCII));
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  @Override
  public String canaryTableDdl() {
    return "CREATE TABLE IF NOT EXISTS " + CanaryWriter.TABLE + " (seq BIGINT PRIMARY KEY, at TIMESTAMP(6) NOT NULL)";
  }

  @Override
  public String canaryInsert() {
    return "INSERT INTO " + CanaryWriter.TABLE + " (seq, at) VALUES (?, sysdate(6))";
  }

  /** Replicas in one topology must have distinct server ids, and a promoted replica runs on another host. */
  @Override
  public String serverIdentity() {
    return "SELECT @@port, concat(@@hostname, ':', @@port, '/', @@server_id)";
  }
}
