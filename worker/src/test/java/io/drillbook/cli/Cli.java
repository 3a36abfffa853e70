package io.drillbook.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the real CLI in-process with a test environment and captures what it prints. */
final class Cli {
  private final Map<String, String> env;

  Cli(Path home) {
    this(Map.of("DRILLBOOK_HOME", home.toString()));
  }

  private Cli(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  Cli with(String name, String value) {
    Map<String, String> e = new HashMap<>(env);
    e.put(name, value);
    return new Cli(e);
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs in the background; {@link Running#output()} reads what it printed so far. */
  Running start(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Running running = new Running(out, err);
    running.thread = Thread.ofPlatform().name("cli").start(() ->
        running.code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env));
    return running;
  }

  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static final class Running {
    private final StringWriter out;
    private final StringWriter err;
    private Thread thread;
    private volatile int code = -1;

    private Running(StringWriter out, StringWriter err) {
      this.out = out;
      this.err = err;
    }

    String output() {
      return out.toString();
    }

    /** Stops a command that runs until interrupted ({@code dev}, {@code worker}), as Ctrl-C does. */
    Result stop(long millis) throws InterruptedException {
      thread.interrupt();
      return await(millis);
    }

    Result await(long millis) throws InterruptedException {
      thread.join(millis);
      if (thread.isAlive()) {
        throw new AssertionError("CLI still running after " + millis + " ms:\n" + out + err);
      }
      return new Result(code, out.toString(), err.toString());
    }
  }

  /** A copy of a test plan with ${NAME} placeholders replaced. */
  static Path plan(Path dir, String resource, Map<String, String> values) throws IOException {
    try (var in = Cli.class.getResourceAsStream("/plans/" + resource)) {
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      for (var e : values.entrySet()) {
        text = text.replace("${" + e.getKey() + "}", e.getValue());
      }
      Path file = dir.resolve(resource);
      Files.writeString(file, text);
      return file;
    }
  }
}
