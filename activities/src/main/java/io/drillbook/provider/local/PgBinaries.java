package io.drillbook.provider.local;

import io.drillbook.provider.ActionFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the PostgreSQL programs are: {@code config.binDir} when the plan names it (and then only there, so a
 * wrong binDir is reported instead of silently using other versions), else the PATH, else the newest
 * {@code /usr/lib/postgresql/N/bin} (the Debian/Ubuntu layout, whose binaries are not on the PATH).
 */
final class PgBinaries {

  private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

  private final Path binDir;

  private PgBinaries(Path binDir) {
    this.binDir = binDir;
  }

  /** @param configuredBinDir {@code config.binDir}, or null */
  static PgBinaries locate(Object configuredBinDir) {
    return new PgBinaries(configuredBinDir == null ? null : Path.of(configuredBinDir.toString()));
  }

  Path tool(String name) {
    if (binDir != null) {
      Path p = binDir.resolve(name);
      if (Files.isExecutable(p)) {
        return p;
      }
      throw new ActionFailure("PostgreSQL program " + name + " not found in config.binDir " + binDir
          + "; point binDir at the bin directory of a PostgreSQL installation (for example /usr/lib/postgresql/15/bin)");
    }
    return onPath(name).or(() -> newestDebian(name)).orElseThrow(() -> new ActionFailure(
        "PostgreSQL program " + name + " not found on the PATH nor in " + DEBIAN_ROOT
            + "/*/bin; install the PostgreSQL server package (e.g. apt-get install postgresql) or set config.binDir"));
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(java.io.File.pathSeparator))
        .filter(s -> !s.isBlank())
        .map(s -> Path.of(s).resolve(name))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static Optional<Path> newestDebian(String name) {
    if (!Files.isDirectory(DEBIAN_ROOT)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
      List<Path> sorted = versions
          .filter(p -> p.getFileName().toString().matches("\\d+(\\.\\d+)?"))
          .sorted(Comparator.comparingDouble((Path p) -> Double.parseDouble(p.getFileName().toString())).reversed())
          .toList();
      return sorted.stream().map(v -> v.resolve("bin").resolve(name)).filter(Files::isExecutable).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
