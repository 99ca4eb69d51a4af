package io.volback.testsupport;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import io.volback.docker.DockerHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * TestPostgresImage makes a PostgreSQL 15 image without a registry from the machine's own Debian
 * packages (scripts/setup-machine.sh installs them): PostgreSQL's bin and lib (without the LLVM
 * JIT), its share directory, the shared libraries they load (ldd closure), Debian's static busybox
 * as /bin/sh and the usual tools, and a postgres user (uid/gid {@value #UID}) the image runs as,
 * because PostgreSQL refuses to run as root. The image's tag is a digest of its sources (paths,
 * sizes, mtimes and this recipe's version), so it is built once per engine and rebuilt only when
 * the packages change.
 */
public final class TestPostgresImage {
  public static final String REPOSITORY = "volback-test-postgres";
  public static final int UID = 999;
  public static final String CONTENT_LABEL = "io.volback.test.content";
  private static final String RECIPE = "pg15-recipe-2";
  private static final Path PG_LIB = Path.of("/usr/lib/postgresql/15");
  private static final Path PG_SHARE = Path.of("/usr/share/postgresql/15");
  private static final Path BUSYBOX = Path.of("/bin/busybox");
  private static final Path LIBRARY_DIR = Path.of("/usr/lib/x86_64-linux-gnu");
  private static final List<String> ZONES = List.of("UTC", "Etc/UTC", "GMT", "Etc/GMT");
  private static final List<String> APPLETS =
      List.of(
          "sh", "sleep", "ls", "cat", "echo", "true", "false", "test", "[", "grep", "mkdir", "rm",
          "cp", "mv", "chmod", "chown", "id", "env", "head", "tail", "wc", "touch", "stat", "ps",
          "kill", "sed", "tr", "cut", "du");
  private static final Pattern LIBRARY = Pattern.compile("(?:=> )?(/\\S+) \\(0x");

  private TestPostgresImage() {}

  /** The image's name on host, imported there first unless present. */
  public static synchronized String on(DockerHost host) {
    String name = REPOSITORY + ":" + tag();
    try {
      host.client().inspectImageCmd(name).exec();
    } catch (NotFoundException missing) {
      importImage(host, name);
    }
    return name;
  }

  private static String cachedTag;

  /** The digest of the image's sources: a new tag whenever the packages change. */
  static synchronized String tag() {
    if (cachedTag == null) {
      MessageDigest digest = sha256();
      digest.update(RECIPE.getBytes(StandardCharsets.UTF_8));
      for (Path file : keySources()) {
        try {
          String line =
              file + " " + Files.size(file) + " " + Files.getLastModifiedTime(file) + "\n";
          digest.update(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      cachedTag = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }
    return cachedTag;
  }

  /**
   * What the tag digests: the files copied, except that the shared libraries stand for themselves
   * by their whole directory (stat is cheap; running ldd for the closure is not).
   */
  private static List<Path> keySources() {
    Set<Path> files = new TreeSet<>(packageFiles());
    try (Stream<Path> libs = Files.list(LIBRARY_DIR)) {
      libs.filter(Files::isRegularFile).forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(files);
  }

  private static void importImage(DockerHost host, String name) {
    Path rootfs = null;
    try {
      rootfs = Files.createTempFile("volback-pg-rootfs", ".tar");
      writeRootfs(rootfs);
      String query =
          "/images/create?fromSrc=-&repo="
              + encode(REPOSITORY)
              + "&tag="
              + encode(tag())
              + "&changes="
              + encode("USER postgres")
              + "&changes="
              + encode("ENV TZ=UTC")
              + "&changes="
              + encode("LABEL " + CONTENT_LABEL + "=" + tag());
      try (InputStream body = Files.newInputStream(rootfs);
          Response response =
              host.http()
                  .execute(
                      Request.builder()
                          .method(Request.Method.POST)
                          .path(query)
                          .putHeader("Content-Type", "application/x-tar")
                          .body(body)
                          .build())) {
        String answer = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
        if (response.getStatusCode() / 100 != 2 || answer.contains("\"error\"")) {
          throw new AssertionError("cannot import " + name + " on " + host + ": " + answer);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (rootfs != null) {
        rootfs.toFile().delete();
      }
    }
  }

  private static void writeRootfs(Path target) throws IOException {
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(target))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      Set<String> dirs = new TreeSet<>();
      for (String dir : List.of("bin", "etc", "proc", "sys", "dev", "data")) {
        directory(tar, dirs, dir, 0755, 0);
      }
      directory(tar, dirs, "tmp", 01777, 0);
      directory(tar, dirs, "var/run/postgresql", 02775, UID);
      text(
          tar,
          "etc/passwd",
          "root:x:0:0:root:/root:/bin/sh\npostgres:x:"
              + UID
              + ":"
              + UID
              + ":PostgreSQL:/var/run/postgresql:/bin/sh\n");
      text(tar, "etc/group", "root:x:0:\npostgres:x:" + UID + ":\n");
      text(tar, "etc/nsswitch.conf", "passwd: files\ngroup: files\n");
      file(tar, dirs, BUSYBOX, "bin/busybox");
      for (String applet : APPLETS) {
        TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
        link.setLinkName("busybox");
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
      }
      for (Path source : sources()) {
        if (!source.equals(BUSYBOX)) {
          file(tar, dirs, source, source.toString().substring(1));
        }
      }
      // pg_ctl, psql and friends on PATH: Debian keeps them under /usr/lib/postgresql/15/bin.
      try (Stream<Path> bins = Files.list(PG_LIB.resolve("bin"))) {
        for (Path bin : bins.sorted().toList()) {
          TarArchiveEntry link =
              new TarArchiveEntry("usr/local/bin/" + bin.getFileName(), TarArchiveEntry.LF_SYMLINK);
          link.setLinkName(bin.toString());
          directory(tar, dirs, "usr/local/bin", 0755, 0);
          tar.putArchiveEntry(link);
          tar.closeArchiveEntry();
        }
      }
    }
  }

  /** Everything copied from the machine, symlinks resolved. */
  private static List<Path> sources() {
    Set<Path> files = new TreeSet<>(packageFiles());
    List<Path> elves = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (f.startsWith(PG_LIB.resolve("bin")) || f.startsWith(PG_LIB) && name.endsWith(".so")) {
        elves.add(f);
      }
    }
    try {
      files.addAll(libraries(elves));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(files);
  }

  /** PostgreSQL's own files, busybox and the time zones. */
  private static Set<Path> packageFiles() {
    requireInstalled();
    Set<Path> files = new TreeSet<>();
    files.add(BUSYBOX);
    try {
      for (Path root : List.of(PG_LIB, PG_SHARE)) {
        try (Stream<Path> walk = Files.walk(root)) {
          walk.filter(Files::isRegularFile)
              .filter(p -> !p.toString().contains("/bitcode/"))
              .filter(p -> !p.getFileName().toString().startsWith("llvmjit"))
              .forEach(files::add);
        }
      }
      for (String zone : ZONES) {
        Path z = Path.of("/usr/share/zoneinfo", zone);
        if (Files.exists(z)) {
          files.add(z);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** The shared libraries the binaries load: one ldd run for all of them. */
  private static Set<Path> libraries(List<Path> binaries) throws IOException {
    List<String> command = new ArrayList<>(List.of("ldd"));
    binaries.forEach(b -> command.add(b.toString()));
    Process ldd = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      ldd.waitFor(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running ldd", e);
    }
    Set<Path> libs = new TreeSet<>();
    Matcher m = LIBRARY.matcher(out);
    while (m.find()) {
      libs.add(Path.of(m.group(1)));
    }
    return libs;
  }

  private static void requireInstalled() {
    for (Path p : List.of(PG_LIB.resolve("bin/postgres"), PG_SHARE, BUSYBOX)) {
      if (!Files.exists(p)) {
        throw new AssertionError(
            p
                + " is missing: run scripts/setup-machine.sh (installs postgresql and busybox-static)");
      }
    }
  }

  private static void file(TarArchiveOutputStream tar, Set<String> dirs, Path source, String name)
      throws IOException {
    int slash = name.lastIndexOf('/');
    if (slash > 0) {
      directory(tar, dirs, name.substring(0, slash), 0755, 0);
    }
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(Files.isExecutable(source) ? 0755 : 0644);
    entry.setSize(Files.size(source));
    tar.putArchiveEntry(entry);
    Files.copy(source, tar);
    tar.closeArchiveEntry();
  }

  private static void directory(
      TarArchiveOutputStream tar, Set<String> dirs, String name, int mode, int owner)
      throws IOException {
    int slash = name.lastIndexOf('/');
    if (slash > 0) {
      directory(tar, dirs, name.substring(0, slash), 0755, 0);
    }
    if (dirs.add(name)) {
      TarArchiveEntry entry = new TarArchiveEntry(name + "/");
      entry.setMode(mode);
      entry.setIds(owner, owner);
      tar.putArchiveEntry(entry);
      tar.closeArchiveEntry();
    }
  }

  private static void text(TarArchiveOutputStream tar, String name, String content)
      throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(0644);
    entry.setSize(bytes.length);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
