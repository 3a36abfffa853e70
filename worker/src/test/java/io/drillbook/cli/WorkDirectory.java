package io.drillbook.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What drills created in a worker's work directory, as their owner markers tell. */
final class WorkDirectory {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One marked directory: who made it, what it is, and when its first attempt made it. */
  record Owned(Path dir, String drillId, String stepId, String kind, String createdAt) {}

  private WorkDirectory() {}

  /** Every directory directly under {@code workDir} whose marker names {@code drillId}. */
  static List<Owned> ownedBy(Path workDir, String drillId) {
    List<Owned> found = new ArrayList<>();
    if (!Files.isDirectory(workDir)) {
      return found;
    }
    try (Stream<Path> dirs = Files.list(workDir)) {
      for (Path dir : dirs.toList()) {
        Map<?, ?> m;
        try {
          m = JSON.readValue(dir.resolve("drillbook-owner.json").toFile(), Map.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException notMarked) {
          continue;
        }
        if (drillId.equals(m.get("drillId"))) {
          found.add(new Owned(dir, drillId, (String) m.get("stepId"), (String) m.get("kind"), (String) m.get("createdAt")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }
}
