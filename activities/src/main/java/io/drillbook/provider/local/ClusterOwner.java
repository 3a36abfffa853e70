package io.drillbook.provider.local;

import io.drillbook.provider.ActionFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;

/**
 * The operating-system user that owns and runs scratch clusters. initdb and pg_ctl refuse to run as root,
 * so a worker running as root runs them (and the tools that write cluster files) as {@code postgres} through
 * runuser, and hands the directories it creates to that user. A worker running as any other user runs them
 * as itself.
 */
public final class ClusterOwner {

  private final String user;

  private ClusterOwner(String user) {
    this.user = user;
  }

  /** {@code postgres} when this JVM runs as root, else the JVM's own user. */
  public static ClusterOwner forThisProcess() {
    return "root".equals(System.getProperty("user.name")) ? new ClusterOwner("postgres") : new ClusterOwner(null);
  }

  /** The command line that runs {@code command} as the cluster owner. */
  public List<String> asOwner(List<String> command) {
    if (user == null) {
      return command;
    }
    List<String> c = new ArrayList<>(List.of(runuser(), "-u", user, "--"));
    c.addAll(command);
    return c;
  }

  /** Creates {@code dir} (and parents) and gives it to the cluster owner, mode 0755 (0700 is set on data dirs by PostgreSQL). */
  void createOwnedDirectory(Path dir) throws IOException {
    Files.createDirectories(dir);
    giveTo(dir);
  }

  /** Makes an existing file or directory (not its content) belong to the cluster owner. */
  void giveTo(Path p) throws IOException {
    if (user == null) {
      return;
    }
    UserPrincipalLookupService users = p.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    try {
      view.setOwner(users.lookupPrincipalByName(user));
      GroupPrincipal group = users.lookupPrincipalByGroupName(user);
      view.setGroup(group);
    } catch (UserPrincipalNotFoundException e) {
      throw new ActionFailure("the worker runs as root, so scratch clusters run as the OS user " + user
          + ", which does not exist here; install the PostgreSQL server package (it creates that user) or run the worker as a non-root user", e);
    }
    if (Files.isDirectory(p)) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /**
   * Fails clearly when the cluster owner cannot write {@code dir}: a work directory under /root, for example,
   * is unreachable for postgres, and initdb would otherwise fail with a bare "permission denied".
   */
  void checkCanWrite(Path dir) {
    if (user == null) {
      return;
    }
    try {
      Process p = new ProcessBuilder(asOwner(List.of("test", "-w", dir.toString(), "-a", "-x", dir.toString())))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (p.waitFor() != 0) {
        throw new ActionFailure("the work directory " + dir + " is not writable by the OS user " + user
            + " that runs scratch clusters; choose a DRILLBOOK_HOME that user can reach (every parent directory needs o+x), e.g. /var/lib/drillbook");
      }
    } catch (IOException e) {
      throw new ActionFailure("cannot run runuser to check the work directory " + dir + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ActionFailure("interrupted while checking the work directory " + dir, e);
    }
  }

  private static String runuser() {
    for (String candidate : List.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new ActionFailure("the worker runs as root but runuser is missing, so scratch clusters cannot run as postgres;"
        + " install util-linux or run the worker as a non-root user");
  }
}
