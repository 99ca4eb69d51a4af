package io.volback.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import picocli.CommandLine.Command;

/** VersionCommand prints volback's version and the Java runtime and platform it runs on. */
@Command(
    name = "version",
    description = "Print the version of volback, of Java, and the OS and architecture.")
final class VersionCommand extends CommandBase {
  /** What version prints, as --json names it. */
  record Info(
      String version,
      String java,
      @JsonProperty("java_vendor") String javaVendor,
      String os,
      String arch) {
    static Info current() {
      return new Info(
          Version.number(),
          System.getProperty("java.version"),
          System.getProperty("java.vendor"),
          System.getProperty("os.name").toLowerCase(Locale.ROOT),
          arch(System.getProperty("os.arch")));
    }

    /** The architecture under the names docker and Go use (amd64, arm64). */
    static String arch(String jvmArch) {
      return switch (jvmArch) {
        case "x86_64" -> "amd64";
        case "aarch64" -> "arm64";
        default -> jvmArch;
      };
    }
  }

  @Override
  public Integer call() {
    Info info = Info.current();
    if (json()) {
      printJson(info);
    } else {
      out()
          .printf(
              "volback %s on Java %s (%s), %s/%s%n",
              info.version(), info.java(), info.javaVendor(), info.os(), info.arch());
    }
    return ExitCode.OK;
  }
}
