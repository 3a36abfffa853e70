package io.drillbook.provider.local;

import io.drillbook.evidence.PersonalDataGuard;
import io.drillbook.provider.ActionFailure;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what PostgreSQL or one of its programs (or, for RDS copies, MySQL or MariaDB) said into a failure an on-call engineer can act on: what
 * failed, on which step and database, the likely cause and the fix. Recognised: unreachable server, wrong
 * credentials, missing pg_hba entries (with the exact line to add), missing replication privilege, unknown
 * database or role, and a full disk.
 */
final class PgFaults {

  private static final Pattern HBA = Pattern.compile(
      "no pg_hba\\.conf entry for (replication connection|host) from host \"([^\"]+)\", user \"([^\"]+)\"(?:, database \"([^\"]+)\")?");

  private PgFaults() {}

  /**
   * What the action was doing when it failed.
   *
   * @param endpoint the database it talked to, or null
   * @param writingTo where it wrote, or null
   */
  record Situation(String stepId, String doing, PgEndpoint endpoint, Path writingTo) {
    String prefix() {
      return "step " + stepId + ": " + doing + (endpoint == null ? "" : " (" + endpoint.where() + ")") + " failed: ";
    }
  }

  static ActionFailure fromTool(PgTool.Result r, Situation s) {
    return explain(r.tool() + " exited with " + r.exitCode() + ": " + r.excerpt(), null, s);
  }

  static ActionFailure fromSql(SQLException e, Situation s) {
    // pgjdbc messages hold no row values because connections set logServerErrorDetail=false.
    return explain(String.valueOf(e.getMessage()), e.getSQLState(), s);
  }

  private static ActionFailure explain(String toolSaid, String sqlState, Situation s) {
    // Server messages can quote a value ("invalid input syntax: ..."); such a message never reaches evidence.
    String said = PersonalDataGuard.find(toolSaid).isPresent()
        ? "(message withheld: it looks like it holds personal data; see the server log)"
        : toolSaid;
    String lower = said.toLowerCase(Locale.ROOT);
    PgEndpoint ep = s.endpoint();
    String db = ep == null ? "the database" : ep.host() + ":" + ep.port();
    Matcher hba = HBA.matcher(said);
    if (lower.contains("no space left on device") || lower.contains("could not extend file") || "53100".equals(sqlState)) {
      return new ActionFailure(s.prefix() + "disk full" + (s.writingTo() == null ? "" : " while writing under " + s.writingTo())
          + " (" + said + "). Free space on that volume, or move the work directory (DRILLBOOK_HOME) or the destination to a larger one, then retry the step");
    }
    if (lower.contains("password authentication failed") || lower.contains("no password supplied")
        || lower.contains("access denied for user") && lower.contains("using password")
        || lower.contains("fe_sendauth") || "28P01".equals(sqlState)) {
      return new ActionFailure(s.prefix() + "wrong credentials for user " + (ep == null ? "?" : ep.user()) + " on " + db
          + ". Check the password behind " + (ep == null || ep.credentialsRef() == null ? "config.credentialsRef (none is set)" : "credentialsRef " + ep.credentialsRef())
          + " and the user in config.user");
    }
    if (hba.find()) {
      boolean replication = hba.group(1).startsWith("replication");
      // A password configured means password authentication; none means the other host lines trust this user.
      String method = ep != null && ep.password() == null ? "trust" : "scram-sha-256";
      String line = "host " + (replication ? "replication" : hba.group(4) == null ? "all" : hba.group(4)) + " " + hba.group(3) + " "
          + hba.group(2) + "/32 " + method;
      return new ActionFailure(s.prefix() + db + " refuses " + (replication ? "replication " : "") + "connections from "
          + hba.group(2) + " for user " + hba.group(3) + ". Add this line to the source's pg_hba.conf and reload it (SELECT pg_reload_conf()): "
          + line + " (with the authentication method the user's other host lines use)");
    }
    if (lower.contains("must be superuser or replication role") || lower.contains("permission denied to start wal sender")
        || (lower.contains("replication") && lower.contains("permission denied"))) {
      return new ActionFailure(s.prefix() + "user " + (ep == null ? "?" : ep.user()) + " may not take base backups on " + db
          + ". Grant it: ALTER ROLE " + (ep == null ? "<user>" : ep.user()) + " REPLICATION;");
    }
    if (lower.contains("does not exist") && lower.contains("database") || "3D000".equals(sqlState) || lower.contains("unknown database")) {
      return new ActionFailure(s.prefix() + "the database does not exist on " + db + " (" + said + "). Check the database name in config.dsn");
    }
    if (lower.contains("role") && lower.contains("does not exist")) {
      return new ActionFailure(s.prefix() + "the user does not exist on " + db + " (" + said + "). Check config.user");
    }
    if (lower.contains("connection refused") || lower.contains("could not connect") || lower.contains("could not translate host name")
        || lower.contains("timeout expired") || lower.contains("connection attempt failed") || lower.contains("network is unreachable")
        || (sqlState != null && sqlState.startsWith("08"))) {
      String server = ep != null && ep.dialect() == SqlDialect.MYSQL ? "MySQL/MariaDB" : "PostgreSQL";
      return ActionFailure.retryable(s.prefix() + "cannot reach " + server + " at " + db + " (" + said
          + "). Check config.dsn, that the server runs and listens on that address (listen_addresses, port) and that no firewall blocks it", null);
    }
    if (lower.contains("permission denied") && (lower.contains("directory") || lower.contains("file"))) {
      return new ActionFailure(s.prefix() + "a file could not be written (" + said + "). The OS user that runs the PostgreSQL"
          + " programs (postgres when the worker runs as root) needs write access there: fix the ownership or permissions, then retry");
    }
    if (lower.contains("permission denied") || "42501".equals(sqlState)) {
      return new ActionFailure(s.prefix() + "permission denied (" + said + "). Give user " + (ep == null ? "?" : ep.user())
          + " the rights this action needs (read access to every table for snapshots, exports and checks)");
    }
    return new ActionFailure(s.prefix() + said);
  }
}
