package io.drillbook.testing;

import java.io.IOException;
import java.util.List;

/** The command lines of this machine's processes, to prove that a test left no PostgreSQL server or tool running. */
public final class Processes {

  private Processes() {}

  /** Every process whose command line mentions {@code text} (a directory, a cluster name), {@code ps} itself excepted. */
  public static List<String> mentioning(String text) throws IOException, InterruptedException {
    return all().stream().filter(a -> a.contains(text) && !a.startsWith("ps -eo")).toList();
  }

  public static List<String> all() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("ps", "-eo", "args").redirectErrorStream(true).start();
    List<String> lines = List.of(new String(p.getInputStream().readAllBytes()).split("\n"));
    p.waitFor();
    return lines;
  }
}
