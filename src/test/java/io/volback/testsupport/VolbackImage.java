package io.volback.testsupport;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import io.volback.docker.DockerHost;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * VolbackImage is volback's container image built for real from the clone's Dockerfile, jar
 * (target/volback.jar, made before the tests by the build) and launcher, on {@link TestBaseImage}.
 * The image is tagged by a digest of those files and the base, so it is built once per content and
 * engine; its RUN steps get no network but loopback (the engines run without a bridge).
 */
public final class VolbackImage {
  public static final String REPOSITORY = "volback-test-image";

  /** The files of the build context, as the Dockerfile and .dockerignore expect them. */
  static final List<String> CONTEXT =
      List.of("Dockerfile", ".dockerignore", "target/volback.jar", "bin/volback");

  private static final long BUILD_MINUTES = 10;

  private VolbackImage() {}

  /** The image's name on host, built there first unless present. */
  public static synchronized String on(DockerHost host) {
    String base = TestBaseImage.on(host);
    String name = REPOSITORY + ":" + tag(base);
    if (!TestBaseImage.exists(host, name)) {
      ImageBuildLock.holding(
          name,
          host.address(),
          () -> TestBaseImage.exists(host, name) ? name : build(host, base, name));
    }
    return name;
  }

  private static String build(DockerHost host, String base, String name) {
    BuildLog log = new BuildLog();
    try (InputStream context = new ByteArrayInputStream(context())) {
      host.client()
          .buildImageCmd()
          .withTarInputStream(context)
          .withBuildArg("BASE", base)
          .withTags(Set.of(name))
          .withLabels(Map.of(TestDocker.LABEL, "true"))
          .withNetworkMode("none")
          .withPull(false)
          .withRemove(true)
          .withForcerm(true)
          .exec(log)
          .awaitImageId(BUILD_MINUTES, TimeUnit.MINUTES);
      OldTestImages.removeAllBut(host, REPOSITORY, name);
      return name;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new AssertionError(
          "cannot build " + name + " on " + host + ": " + e.getMessage() + "\n" + log.text(), e);
    }
  }

  /** The digest of what the image is made of: a new tag whenever one of them changes. */
  static String tag(String base) {
    Path root = ProjectRoot.path();
    MessageDigest digest = sha256();
    digest.update((base + "\n").getBytes(StandardCharsets.UTF_8));
    for (String file : CONTEXT) {
      Path path = root.resolve(file);
      requireFile(path);
      digest.update((file + "\n").getBytes(StandardCharsets.UTF_8));
      try (InputStream in = Files.newInputStream(path)) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
  }

  /** The build context: the context files with their modes and mtimes (the launcher's needs). */
  private static byte[] context() throws IOException {
    Path root = ProjectRoot.path();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (String file : CONTEXT) {
        Path path = root.resolve(file);
        TarArchiveEntry entry = new TarArchiveEntry(path, file);
        entry.setMode(Files.isExecutable(path) ? 0755 : 0644);
        entry.setIds(0, 0);
        entry.setNames("root", "root");
        tar.putArchiveEntry(entry);
        Files.copy(path, tar);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static void requireFile(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new AssertionError(
          path
              + " is missing: the build makes target/volback.jar before the tests"
              + " (mvn -B -q -o package -DskipTests makes it alone)");
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Keeps the build's output for the message of a failed build. */
  private static final class BuildLog extends BuildImageResultCallback {
    private final StringBuilder text = new StringBuilder();

    @Override
    public void onNext(BuildResponseItem item) {
      synchronized (text) {
        if (item.getStream() != null) {
          text.append(item.getStream());
        }
        if (item.getErrorDetail() != null) {
          text.append(item.getErrorDetail().getMessage()).append('\n');
        }
      }
      super.onNext(item);
    }

    String text() {
      synchronized (text) {
        int from = Math.max(0, text.length() - 4000);
        return text.substring(from);
      }
    }
  }
}
