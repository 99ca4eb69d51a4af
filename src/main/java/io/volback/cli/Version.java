package io.volback.cli;

import picocli.CommandLine.IVersionProvider;

/** Version reports the version from the jar manifest. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Version.class.getPackage().getImplementationVersion();
    return new String[] {"volback " + (v == null ? "dev" : v)};
  }
}
