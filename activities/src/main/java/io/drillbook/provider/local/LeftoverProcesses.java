package io.drillbook.provider.local;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Programs an earlier attempt of a step left running when its worker died: SIGKILL does not reach a
 * worker's children, so a cp may still be copying a base backup into the scratch data directory when the
 * retry starts. A retry that redoes the work stops them first, or two copies would write into one directory.
 */
final class LeftoverProcesses {

  private LeftoverProcesses() {}

  /** Kills every process (but this one) whose command line names {@code dir}, and waits until they are gone. */
  static int kill(Path dir, StepLog log) throws InterruptedException {
    String needle = dir.toString();
    long self = ProcessHandle.current().pid();
    List<ProcessHandle> found = ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self && p.info().commandLine().map(c -> c.contains(needle)).orElse(false))
        .toList();
    for (ProcessHandle p : found) {
      log.warn("stopping process {} that an earlier attempt left running in {}", p.pid(), dir);
      p.destroyForcibly();
    }
    for (ProcessHandle p : found) {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        log.warn("process {} did not stop within 10 s", p.pid());
      }
    }
    return found.size();
  }
}
