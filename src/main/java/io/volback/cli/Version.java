package io.volback.cli;

import picocli.CommandLine.IVersionProvider;

/** Version reports the version from the jar manifest. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"volback " + number()};
  }

  /** The version of the jar, or "dev" when running from classes (tests, the IDE). */
  static String number() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
