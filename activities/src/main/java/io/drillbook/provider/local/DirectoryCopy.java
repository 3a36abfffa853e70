package io.drillbook.provider.local;

import io.drillbook.provider.Progress;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies a directory tree into {@code target/data/}, listing each regular file in the target's manifest
 * ({@code data/<relative path>}, size, SHA-256 of the copy) once it is copied. Files already listed (by an
 * attempt that crashed) are kept, so a retried copy resumes. Symbolic links and special files are not
 * followed nor copied: they are counted, and the step reports them.
 */
final class DirectoryCopy {

  static final String DATA = "data";

  private DirectoryCopy() {}

  /** @return how many entries were left out because they are not regular files or directories */
  static int copy(Path source, Path target, ExportManifest manifest, ActionContext ctx) throws IOException {
    if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new ActionFailure("step " + ctx.stepId() + ": " + source + " is not a directory; check config.path of resource "
          + ctx.request().resourceName());
    }
    long start = System.nanoTime();
    List<Path> entries;
    try (Stream<Path> s = Files.walk(source)) {
      entries = s.sorted().toList();
    }
    int skipped = 0;
    int done = 0;
    for (Path p : entries) {
      String rel = source.relativize(p).toString();
      Path dest = target.resolve(DATA).resolve(rel);
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(dest);
        continue;
      }
      if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        skipped++;
        continue;
      }
      String name = DATA + "/" + rel;
      done++;
      if (manifest.has(name)) {
        continue;
      }
      Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      manifest.appendBatched(name);
      ctx.heartbeat().beat(new Progress("copying files", manifest.totalBytes(), done, 0, (System.nanoTime() - start) / 1_000_000));
    }
    manifest.save();
    return skipped;
  }
}
