package io.drillbook.provider.local;

import io.drillbook.provider.Progress;
import io.drillbook.evidence.PersonalDataGuard;
import io.drillbook.provider.ActionContext;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs one PostgreSQL program for an action, heartbeating while it works so Temporal knows the worker is
 * alive (and so a cancelled drill stops the program), and returns a short, data-free excerpt of its output
 * for the failure message.
 *
 * <p>The environment is cleaned of every inherited {@code PG*} variable: what a tool connects to is named on
 * its command line, and the password only ever travels in {@code PGPASSWORD}, never in argv (visible in
 * {@code ps}) nor in logs.
 */
final class PgTool {

  private static final long TICK_MILLIS = 5_000;
  private static final int EXCERPT_LINES = 12;

  private final PgBinaries binaries;
  private final ClusterOwner owner;
  private final Path workDir;
  private final ActionContext.Heartbeat heartbeat;
  private final StepLog log;

  PgTool(PgBinaries binaries, ClusterOwner owner, Path workDir, ActionContext.Heartbeat heartbeat, StepLog log) {
    this.binaries = binaries;
    this.owner = owner;
    this.workDir = workDir;
    this.heartbeat = heartbeat;
    this.log = log;
  }

  ClusterOwner owner() {
    return owner;
  }

  PgBinaries binaries() {
    return binaries;
  }

  /** One program run: as the cluster owner or as the worker, extra environment, where stdout goes. */
  record Call(String tool, List<String> args, boolean asOwner, Map<String, String> env, Path stdoutTo, LongSupplier bytesDone) {

    /** A client program (pg_dump, pg_restore) that may run as the worker's own user. */
    static Call client(String tool, List<String> args) {
      return new Call(tool, args, false, Map.of(), null, () -> 0);
    }

    /** A program that creates or runs cluster files (initdb, pg_ctl, pg_basebackup...): runs as the cluster owner. */
    static Call owner(String tool, List<String> args) {
      return new Call(tool, args, true, Map.of(), null, () -> 0);
    }

    Call env(Map<String, String> extra) {
      return new Call(tool, args, asOwner, extra, stdoutTo, bytesDone);
    }

    Call stdoutTo(Path file) {
      return new Call(tool, args, asOwner, env, file, bytesDone);
    }

    Call measuring(LongSupplier bytes) {
      return new Call(tool, args, asOwner, env, stdoutTo, bytes);
    }
  }

  /** @param excerpt the last lines of output, without lines that can quote data (DETAIL, CONTEXT) */
  record Result(String tool, int exitCode, String excerpt) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  Result run(String phase, Call call) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    // An absolute path is a system program (cp); anything else is a PostgreSQL program found by PgBinaries.
    command.add(call.tool().startsWith("/") ? call.tool() : binaries.tool(call.tool()).toString());
    command.addAll(call.args());
    Files.createDirectories(workDir);
    Path output = Files.createTempFile(workDir, "." + Path.of(call.tool()).getFileName() + "-", ".log");
    ProcessBuilder pb = new ProcessBuilder(call.asOwner() ? owner.asOwner(command) : command)
        .directory(workDir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    if (call.stdoutTo() == null) {
      pb.redirectErrorStream(true).redirectOutput(output.toFile());
    } else {
      pb.redirectError(output.toFile()).redirectOutput(call.stdoutTo().toFile());
    }
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("PG"));
    env.put("LC_MESSAGES", "C");
    env.put("PGAPPNAME", "drillbook");
    env.put("PGCONNECT_TIMEOUT", "10");
    env.putAll(call.env());
    log.info("running {} ({})", call.tool(), phase);
    long start = System.nanoTime();
    Process process = pb.start();
    try {
      while (!process.waitFor(TICK_MILLIS, TimeUnit.MILLISECONDS)) {
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        heartbeat.beat(new Progress(phase, call.bytesDone().getAsLong(), 0, 0, elapsed));
      }
      return new Result(call.tool(), process.exitValue(), excerpt(output));
    } catch (RuntimeException | InterruptedException e) {
      // A cancelled activity (the heartbeat throws) must not leave the program running.
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw e;
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** Runs and turns a non-zero exit into an {@link io.drillbook.provider.ActionFailure} that says what to do. */
  Result runOrFail(String phase, Call call, PgFaults.Situation situation) throws IOException, InterruptedException {
    Result r = run(phase, call);
    if (!r.ok()) {
      throw PgFaults.fromTool(r, situation);
    }
    return r;
  }

  /** The last lines of a program's output or a server log, without lines that may quote data. */
  static String excerpt(Path output) throws IOException {
    if (!Files.exists(output)) {
      return "(no output)";
    }
    long size = Files.size(output);
    byte[] tail;
    try (RandomAccessFile f = new RandomAccessFile(output.toFile(), "r")) {
      long from = Math.max(0, size - 16_384);
      f.seek(from);
      tail = new byte[(int) (size - from)];
      f.readFully(tail);
    }
    List<String> kept = new ArrayList<>();
    for (String line : new String(tail, StandardCharsets.UTF_8).split("\\R")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("DETAIL:") || t.startsWith("CONTEXT:") || t.startsWith("LINE ")
          || t.contains("DETAIL:") || t.contains("CONTEXT:") || t.startsWith("^")) {
        continue;
      }
      kept.add(t);
    }
    String text = String.join(" | ", kept.subList(Math.max(0, kept.size() - EXCERPT_LINES), kept.size()));
    return PersonalDataGuard.find(text).isPresent()
        ? "(output withheld: it looks like it holds personal data)"
        : text;
  }
}
