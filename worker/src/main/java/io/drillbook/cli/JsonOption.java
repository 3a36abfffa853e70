package io.drillbook.cli;

import picocli.CommandLine.Option;

/** {@code --json}: machine-readable output on stdout, for scripts. */
final class JsonOption {
  @Option(names = "--json", description = "print JSON for scripts instead of text")
  boolean enabled;
}
