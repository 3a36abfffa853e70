package io.drillbook.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The drillbook workers running on one {@code DRILLBOOK_HOME}: each holds a lock on a file of
 * {@code home/workers/} that names the Temporal service it serves (target and namespace). The operating
 * system releases a lock when its process dies, however it dies, so a lock that can be taken is a dead
 * worker's.
 *
 * <p>The sweeper needs this to read "Temporal does not know this drill" right. On a service every worker of
 * this home shares, an unknown drill has ended (it ran on an embedded server that died with its process).
 * While another worker of this home serves another service (an embedded {@code drill start} next to
 * {@code drillbook dev}), the drill may be running there, and its scratch clusters are left alone.
 */
final class LiveWorkers implements AutoCloseable {

  private static final String SUFFIX = ".lock";

  private final Path dir;
  private final Path mine;
  private final FileChannel channel;

  private LiveWorkers(Path dir, Path mine, FileChannel channel) {
    this.dir = dir;
    this.mine = mine;
    this.channel = channel;
  }

  /** Registers this worker as serving {@code service} until {@link #close()} or the end of the process. */
  static LiveWorkers register(Path dir, String service) throws IOException {
    Files.createDirectories(dir);
    // Locked and filled under a temporary name, then renamed: a lock file is never seen unlocked or empty
    // while its worker lives (the lock belongs to the file, not to its name).
    Path temp = Files.createTempFile(dir, ".", ".tmp");
    FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
    try {
      channel.lock();
      channel.write(ByteBuffer.wrap(service.getBytes(StandardCharsets.UTF_8)));
      channel.force(true);
      Path mine = dir.resolve(ProcessHandle.current().pid() + "-" + UUID.randomUUID() + SUFFIX);
      Files.move(temp, mine, StandardCopyOption.ATOMIC_MOVE);
      return new LiveWorkers(dir, mine, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /**
   * Whether every other live worker of this home serves {@code service} too. Lock files of dead workers
   * are removed on the way.
   */
  boolean othersAllServe(String service) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && !p.equals(mine)).toList();
    }
    for (Path f : files) {
      if (!isLive(f)) {
        continue;
      }
      String other = readService(f);
      if (other != null && !other.equals(service)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLive(Path f) throws IOException {
    try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
      FileLock lock = c.tryLock();
      if (lock == null) {
        return true;
      }
      Files.deleteIfExists(f);
      lock.release();
      return false;
    } catch (OverlappingFileLockException heldInThisJvm) {
      return true;
    } catch (java.nio.file.NoSuchFileException removedMeanwhile) {
      return false;
    }
  }

  private static String readService(Path f) throws IOException {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException removedMeanwhile) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(mine);
    channel.close();
  }
}
