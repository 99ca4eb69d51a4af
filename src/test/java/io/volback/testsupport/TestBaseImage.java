package io.volback.testsupport;

import com.github.dockerjava.api.exception.NotFoundException;
import io.volback.docker.DockerHost;
import io.volback.docker.DockerHostException;
import io.volback.docker.HelperImage;
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

/**
 * TestBaseImage is the Debian base of the test images (volback's image, the drills' database
 * image), made without a registry by scripts/make-base-image.sh: a tar in the machine's cache,
 * imported on an engine as {@code volback-test-base:<recipe-id>} when the engine lacks it. The
 * recipe id is the script's: the first 12 hex digits of the SHA-256 of the lines between its recipe
 * markers.
 */
public final class TestBaseImage {
  public static final String REPOSITORY = "volback-test-base";
  static final String SCRIPT = "scripts/make-base-image.sh";
  private static final String BEGIN = "# --- recipe ---";
  private static final String END = "# --- end of recipe ---";

  private TestBaseImage() {}

  /** The base image's name on host, imported there from the cached tar unless present. */
  public static synchronized String on(DockerHost host) {
    String id = recipeId();
    String name = REPOSITORY + ":" + id;
    if (!exists(host, name)) {
      ImageBuildLock.holding(
          name, host.address(), () -> exists(host, name) ? name : importBase(host, id, name));
    }
    return name;
  }

  /** Whether host has the image. */
  static boolean exists(DockerHost host, String name) {
    try {
      host.client().inspectImageCmd(name).exec();
      return true;
    } catch (NotFoundException missing) {
      return false;
    }
  }

  private static String importBase(DockerHost host, String id, String name) {
    Path tar = cachedTar(id);
    if (!Files.isRegularFile(tar)) {
      throw new AssertionError(
          "the base image "
              + tar
              + " is missing: run "
              + SCRIPT
              + " as root (scripts/setup-machine.sh does, and imports it on both engines)");
    }
    try (InputStream rootfs = Files.newInputStream(tar)) {
      HelperImage.importImage(host, REPOSITORY, id, rootfs);
    } catch (DockerHostException e) {
      throw new AssertionError("cannot import " + tar + " on " + host + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return name;
  }

  /** Where the script leaves the base: VOLBACK_TEST_CACHE, else /var/cache/volback-test. */
  static Path cachedTar(String recipeId) {
    String cache = System.getenv("VOLBACK_TEST_CACHE");
    Path dir = Path.of(cache == null || cache.isBlank() ? "/var/cache/volback-test" : cache);
    return dir.resolve("base-" + recipeId + ".tar");
  }

  /** The hash of the script's recipe, as the script computes it (sed between the markers). */
  static String recipeId() {
    Path script = ProjectRoot.path().resolve(SCRIPT);
    List<String> lines;
    try {
      lines = Files.readAllLines(script, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int begin = lines.indexOf(BEGIN);
    int end = lines.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new AssertionError(script + " has no recipe between '" + BEGIN + "' and '" + END + "'");
    }
    StringBuilder recipe = new StringBuilder();
    for (String line : lines.subList(begin + 1, end)) {
      recipe.append(line).append('\n');
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(recipe.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
