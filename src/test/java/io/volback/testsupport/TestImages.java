package io.volback.testsupport;

import com.github.dockerjava.api.exception.NotFoundException;
import io.volback.docker.DockerHost;
import io.volback.docker.DockerHostException;
import io.volback.docker.HelperImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * TestImages makes runnable images without a registry: a root file system holding Debian's static
 * busybox (package busybox-static), imported through the image import endpoint.
 */
public final class TestImages {
  public static final String BUSYBOX = "volback-test-busybox:1";
  private static final List<String> APPLETS =
      List.of("sh", "sleep", "ls", "cat", "stat", "touch", "mkdir", "rm", "echo", "true");

  private TestImages() {}

  /** Imports the busybox image on the host unless present; returns its name. */
  public static String busybox(DockerHost host) throws DockerHostException {
    try {
      host.client().inspectImageCmd(BUSYBOX).exec();
      return BUSYBOX;
    } catch (NotFoundException missing) {
      HelperImage.importImage(
          host, "volback-test-busybox", "1", new ByteArrayInputStream(busyboxRootfs()));
      return BUSYBOX;
    }
  }

  private static byte[] busyboxRootfs() {
    Path busybox = Path.of(System.getenv().getOrDefault("VOLBACK_TEST_BUSYBOX", "/bin/busybox"));
    if (!Files.isRegularFile(busybox)) {
      throw new AssertionError(
          busybox + " is missing: run scripts/setup-machine.sh (installs busybox-static)");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (String dir : List.of("bin/", "tmp/", "etc/", "proc/", "sys/", "dev/")) {
        TarArchiveEntry entry = new TarArchiveEntry(dir);
        entry.setMode(dir.equals("tmp/") ? 01777 : 0755);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
      }
      TarArchiveEntry binary = new TarArchiveEntry("bin/busybox");
      binary.setMode(0755);
      binary.setSize(Files.size(busybox));
      tar.putArchiveEntry(binary);
      Files.copy(busybox, tar);
      tar.closeArchiveEntry();
      for (String applet : APPLETS) {
        TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
        link.setLinkName("busybox");
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
