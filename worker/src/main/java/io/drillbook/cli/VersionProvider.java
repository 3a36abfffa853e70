package io.drillbook.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build), "dev" when run from classes. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"drillbook " + (v == null ? "dev" : v), "plan format drillbook/v1",
        "Java " + System.getProperty("java.version")};
  }
}
