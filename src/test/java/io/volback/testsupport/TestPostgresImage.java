package io.volback.testsupport;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import io.volback.docker.DockerHost;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * TestPostgresImage is the drills' PostgreSQL 15 image: the shared {@link TestBaseImage} (Debian's
 * postgresql-15 is in it) with PostgreSQL's programs on PATH, the socket directory, and the
 * postgres user moved to uid/gid {@value #UID}, the owner the tests give a data directory; the
 * image runs as that user, because PostgreSQL refuses to run as root. Built by a small docker
 * build, tagged by a digest of the base and this recipe, so once per engine and base.
 */
public final class TestPostgresImage {
  public static final String REPOSITORY = "volback-test-postgres";
  public static final int UID = 999;
  public static final String CONTENT_LABEL = "io.volback.test.content";
  private static final String DOCKERFILE =
      String.join(
          "\n",
          "ARG BASE",
          "FROM ${BASE}",
          "RUN groupmod -g "
              + UID
              + " postgres && usermod -u "
              + UID
              + " -g "
              + UID
              + " postgres \\",
          " && install -d -o postgres -g postgres -m 2775 /var/run/postgresql /var/log/postgresql \\",
          " && chown -R postgres:postgres /var/lib/postgresql",
          "ENV PATH=/usr/lib/postgresql/15/bin:$PATH TZ=UTC",
          "USER postgres",
          "");

  private TestPostgresImage() {}

  /** The image's name on host, built there first unless present. */
  public static synchronized String on(DockerHost host) {
    String base = TestBaseImage.on(host);
    String tag = tag(base);
    String name = REPOSITORY + ":" + tag;
    if (!TestBaseImage.exists(host, name)) {
      ImageBuildLock.holding(
          name,
          host.address(),
          () -> TestBaseImage.exists(host, name) ? name : build(host, base, name, tag));
    }
    return name;
  }

  private static String build(DockerHost host, String base, String name, String tag) {
    try (ByteArrayInputStream context = new ByteArrayInputStream(context())) {
      host.client()
          .buildImageCmd()
          .withTarInputStream(context)
          .withBuildArg("BASE", base)
          .withTags(Set.of(name))
          .withLabels(Map.of(CONTENT_LABEL, tag, TestDocker.LABEL, "true"))
          .withNetworkMode("none")
          .withPull(false)
          .withRemove(true)
          .withForcerm(true)
          .exec(new BuildImageResultCallback())
          .awaitImageId(5, TimeUnit.MINUTES);
      OldTestImages.removeAllBut(host, REPOSITORY, name);
      return name;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new AssertionError("cannot build " + name + " on " + host + ": " + e.getMessage(), e);
    }
  }

  /** The digest of the base's name and the recipe: a new tag whenever either changes. */
  static String tag(String base) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((base + "\n" + DOCKERFILE).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] context() throws IOException {
    byte[] dockerfile = DOCKERFILE.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry entry = new TarArchiveEntry("Dockerfile");
      entry.setMode(0644);
      entry.setSize(dockerfile.length);
      tar.putArchiveEntry(entry);
      tar.write(dockerfile);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }
}
