package io.drillbook.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;

/**
 * Where the evidence store lives and how to open it.
 *
 * <p>From the environment ({@link #fromEnvironment}): {@code DRILLBOOK_EVIDENCE_URL} (a {@code jdbc:postgresql:}
 * or {@code jdbc:h2:} URL; default: an H2 file database under {@code DRILLBOOK_HOME}, itself defaulting to
 * {@code ~/.drillbook}, see {@link #home}), {@code DRILLBOOK_EVIDENCE_USER}, {@code DRILLBOOK_EVIDENCE_PASSWORD}, and
 * {@code DRILLBOOK_EVIDENCE_MIGRATE} ({@code true} by default; {@code false} when the worker's role may only
 * INSERT and SELECT, so the schema is migrated by the owner role and only validated at start).
 *
 * @param user null to let the driver decide (H2's default user)
 * @param password null when none is set
 * @param migrate run the Flyway migrations on open (otherwise only check the schema is up to date)
 */
public record EvidenceConfig(String jdbcUrl, String user, String password, boolean migrate) {

  public EvidenceConfig {
    if (jdbcUrl == null || !(jdbcUrl.startsWith("jdbc:h2:") || jdbcUrl.startsWith("jdbc:postgresql:"))) {
      throw new IllegalArgumentException(
          "the evidence store needs a jdbc:postgresql: or jdbc:h2: URL (DRILLBOOK_EVIDENCE_URL)");
    }
  }

  public static EvidenceConfig fromEnvironment(Map<String, String> env) {
    String url = env.get("DRILLBOOK_EVIDENCE_URL");
    if (url == null || url.isBlank()) {
      url = h2Url(home(env));
    }
    return new EvidenceConfig(url, env.get("DRILLBOOK_EVIDENCE_USER"), env.get("DRILLBOOK_EVIDENCE_PASSWORD"),
        !"false".equalsIgnoreCase(env.get("DRILLBOOK_EVIDENCE_MIGRATE")));
  }

  /** An H2 file database in {@code home}, migrated on open. */
  public static EvidenceConfig h2(Path home) {
    return new EvidenceConfig(h2Url(home), null, null, true);
  }

  /** Where drillbook keeps its files when {@code DRILLBOOK_HOME} is unset and the user's home will not do. */
  public static final Path ROOT_DEFAULT_HOME = Path.of("/var/lib/drillbook");

  /**
   * {@code $DRILLBOOK_HOME}, else {@code ~/.drillbook}, except for root when others cannot enter root's home
   * (Debian's /root is 0700): scratch clusters then run as {@code postgres}, which could not reach a work
   * directory there, so everything goes to {@link #ROOT_DEFAULT_HOME}.
   */
  public static Path home(Map<String, String> env) {
    return home(env, System.getProperty("user.name"), Path.of(System.getProperty("user.home")));
  }

  static Path home(Map<String, String> env, String userName, Path userHome) {
    String home = env.get("DRILLBOOK_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    if ("root".equals(userName) && !othersCanEnter(userHome.toAbsolutePath())) {
      return ROOT_DEFAULT_HOME;
    }
    return userHome.resolve(".drillbook");
  }

  private static boolean othersCanEnter(Path dir) {
    for (Path p = dir; p != null; p = p.getParent()) {
      try {
        if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
          return false;
        }
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    return true;
  }

  // AUTO_SERVER: the first process to open the file serves it to the others, so `drillbook dev` and
  // CLI calls made beside it share one database. WRITE_DELAY=0: H2 otherwise keeps committed changes in memory
  // for up to a second, and a killed host process would lose evidence that Temporal already saw acknowledged
  // (H2DurabilityTest).
  private static String h2Url(Path home) {
    return "jdbc:h2:file:" + home.toAbsolutePath().resolve("evidence") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
  }

  /** The JDBC URL for messages: a password written into it is masked. */
  public String displayUrl() {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /** The password never appears in logs or error messages, not even one written into the URL. */
  @Override
  public String toString() {
    return "EvidenceConfig[jdbcUrl=" + displayUrl() + ", user=" + user + ", password=" + (password == null ? "none" : "***")
        + ", migrate=" + migrate + "]";
  }
}
