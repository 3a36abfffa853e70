package io.drillbook.provider.local;

import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One database reached over TCP: where it is, as whom, the password resolved from a {@code credentialsRef},
 * and its engine's {@link SqlDialect} (PostgreSQL unless said otherwise; the local provider's are all PostgreSQL). The password only ever goes to the JDBC driver or to a tool's {@code PGPASSWORD};
 * {@link #toString()} and every message name the reference, never the value.
 *
 * @param credentialsRef where the password came from (for messages), or null
 */
public record PgEndpoint(String host, int port, String database, String user, String password, String credentialsRef,
    SqlDialect dialect) {

  public PgEndpoint(String host, int port, String database, String user, String password, String credentialsRef) {
    this(host, port, database, user, password, credentialsRef, SqlDialect.POSTGRESQL);
  }

  /** The resource's {@code config}: {@code dsn}, {@code user} (default postgres), {@code credentialsRef}. */
  static PgEndpoint ofResource(ActionContext ctx) {
    Map<String, Object> config = ctx.config();
    Object dsn = config.get("dsn");
    if (dsn == null) {
      throw new ActionFailure("resource " + ctx.request().resourceName() + ": config.dsn is missing; set it to postgresql://HOST:PORT/DB");
    }
    String ref = config.get("credentialsRef") == null ? null : config.get("credentialsRef").toString();
    String password = null;
    if (ref != null) {
      password = ctx.secrets().resolve(ref).orElseThrow(() -> new ActionFailure("resource " + ctx.request().resourceName()
          + ": credentialsRef " + ref + " resolves to nothing; set the variable or file it names on the worker"));
    }
    String user = config.get("user") == null ? null : config.get("user").toString();
    return parse(dsn.toString(), user, password, ref);
  }

  /**
   * Parses {@code postgresql://[user@]HOST[:PORT]/DB}. A password inside the DSN is refused: plans hold
   * references to secrets, never secrets (PLAN-FORMAT.md rule 8).
   */
  public static PgEndpoint parse(String dsn, String user, String password, String credentialsRef) {
    URI uri;
    try {
      uri = new URI(dsn);
    } catch (URISyntaxException e) {
      throw new ActionFailure("dsn is not a URI (" + e.getReason() + "); write it as postgresql://HOST:PORT/DB");
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new ActionFailure("dsn must start with postgresql://, not " + uri.getScheme() + "://");
    }
    if (uri.getHost() == null) {
      throw new ActionFailure("dsn has no host; write it as postgresql://HOST:PORT/DB (only TCP is supported)");
    }
    String dsnUser = uri.getUserInfo();
    if (dsnUser != null && dsnUser.contains(":")) {
      throw new ActionFailure("dsn holds a password; remove it and name the secret with credentialsRef (env:NAME or file:/path)");
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (path.isEmpty() || path.contains("/")) {
      throw new ActionFailure("dsn must name exactly one database: postgresql://HOST:PORT/DB");
    }
    if (uri.getQuery() != null) {
      throw new ActionFailure("dsn parameters (?" + uri.getQuery().replaceAll("=.*", "=…")
          + ") are not supported by the local provider; remove them");
    }
    String who = user != null ? user : dsnUser != null ? dsnUser : "postgres";
    return new PgEndpoint(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path, who, password, credentialsRef);
  }

  /** A scratch cluster on this machine: only the drill's user, trusted from 127.0.0.1 (see ScratchCluster). */
  static PgEndpoint scratch(int port, String database, String user) {
    return new PgEndpoint("127.0.0.1", port, database, user, null, null);
  }

  public PgEndpoint withDatabase(String db) {
    return new PgEndpoint(host, port, db, user, password, credentialsRef, dialect);
  }

  /** The DSN without any secret: safe in outputs, evidence and logs. */
  public String dsn() {
    return dialect.scheme() + "://" + host + ":" + port + "/" + database;
  }

  /** host:port/db, for messages. */
  public String where() {
    return host + ":" + port + "/" + database;
  }

  public Connection connect() throws SQLException {
    return dialect.connect(this);
  }

  /** Connection arguments for libpq tools; the password goes through {@link #toolEnv()}, never argv. */
  List<String> toolArgs() {
    return List.of("-h", host, "-p", Integer.toString(port), "-U", user);
  }

  Map<String, String> toolEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    if (password != null) {
      env.put("PGPASSWORD", password);
    }
    return env;
  }

  @Override
  public String toString() {
    return "PgEndpoint[" + user + "@" + where() + (credentialsRef == null ? "" : ", credentials from " + credentialsRef) + "]";
  }
}
