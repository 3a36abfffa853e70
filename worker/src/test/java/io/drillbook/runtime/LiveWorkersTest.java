package io.drillbook.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveWorkersTest {
  @TempDir Path dir;

  @Test
  void anUnknownDrillMayRunElsewhereOnlyWhileAnotherLiveWorkerServesAnotherTemporal() throws Exception {
    try (LiveWorkers mine = LiveWorkers.register(dir, "127.0.0.1:7233/default")) {
      assertTrue(mine.othersAllServe("127.0.0.1:7233/default"), "alone on the home");
      try (LiveWorkers sameService = LiveWorkers.register(dir, "127.0.0.1:7233/default")) {
        assertTrue(mine.othersAllServe("127.0.0.1:7233/default"));
      }
      LiveWorkers embedded = LiveWorkers.register(dir, "127.0.0.1:40123/default");
      assertFalse(mine.othersAllServe("127.0.0.1:7233/default"), "an embedded drill start may run it");
      embedded.close();
      assertTrue(mine.othersAllServe("127.0.0.1:7233/default"));
    }
  }

  @Test
  void theLockFileOfADeadWorkerIsIgnoredAndRemoved() throws Exception {
    // Nobody holds a lock on it: its process died (the operating system released the lock).
    Path dead = Files.writeString(dir.resolve("4242-dead.lock"), "127.0.0.1:40123/default");
    try (LiveWorkers mine = LiveWorkers.register(dir, "127.0.0.1:7233/default")) {
      assertTrue(mine.othersAllServe("127.0.0.1:7233/default"));
      assertFalse(Files.exists(dead));
    }
  }
}
