package io.volback.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * TestTrees builds realistic file trees and describes trees so that two of them can be compared
 * with a single {@code assertThat(describe(a)).isEqualTo(describe(b))}.
 *
 * <p>{@link #populate(Path, long)} needs root (it chowns to several uids and creates a FIFO). It
 * builds, deterministically for a seed: incompressible and compressible files of 1-3 MiB, ~60 small
 * files, an empty file, nested and empty directories, a long (>100 byte) name, a non-ASCII name
 * (when the JVM's file name encoding is UTF-8), a symlink, a dangling symlink, a hard link pair, a
 * FIFO, owners 0:0 / 33:33 / 1000:1000, modes 0600, 0755, 04755 and a 01777 directory, user.*
 * xattrs (text and binary, where the file system supports them) and mtimes years in the past with
 * nanoseconds (microseconds on symlinks: that is all the JDK can set there).
 *
 * <p>{@link #describe(Path, Option...)} lists every entry, root included ("/"), sorted by path:
 * type, mode (07777), uid:gid, mtime, size, SHA-256 of content, link target, user.* xattrs and, for
 * files with several links, the first path (sorted) of the inode they share — so hard links compare
 * equal across copies. Options relax what a given transport cannot keep: Docker's archive endpoint
 * gives whole-second mtimes and drops user.* xattrs.
 */
public final class TestTrees {
  /** What describe() leaves out or rounds. */
  public enum Option {
    /** mtimes truncated to whole seconds (Docker's archive GET). */
    WHOLE_SECOND_MTIMES,
    /** no xattrs (Docker's archive GET drops user.*). */
    IGNORE_XATTRS,
    /** the root entry's own metadata is left out (only its children are compared). */
    IGNORE_ROOT
  }

  private static final Instant BASE_TIME = Instant.parse("2016-03-01T00:00:00Z");

  private TestTrees() {}

  /** Builds the tree described in the class comment inside the existing directory dir. */
  public static void populate(Path dir, long seed) throws IOException {
    Random random = new Random(seed);
    Files.createDirectories(dir);

    mkdirs(
        dir,
        "bin",
        "data/random",
        "data/text",
        "deep/a/b/c/d",
        "deep/a/empty",
        "emptydir",
        "home/alice",
        "srv/www",
        "shared-tmp",
        "small",
        "long");
    writeRandom(dir.resolve("data/random/blob-2m.bin"), 2 * 1024 * 1024 + 17, random);
    writeRandom(dir.resolve("data/random/blob-1m.bin"), 1024 * 1024 - 5, random);
    writeText(dir.resolve("data/text/log-3m.txt"), 3 * 1024 * 1024 + 3, random);
    for (int i = 0; i < 60; i++) {
      Path f = dir.resolve(String.format("small/f%02d.%s", i, i % 2 == 0 ? "txt" : "bin"));
      int size = random.nextInt(20_000);
      if (i % 2 == 0) {
        writeText(f, size, random);
      } else {
        writeRandom(f, size, random);
      }
    }
    Files.createFile(dir.resolve("data/empty.txt"));
    writeText(dir.resolve("deep/a/b/c/d/leaf.txt"), 1234, random);
    writeText(dir.resolve("long/" + "n".repeat(120) + ".txt"), 100, random);
    Files.createDirectories(dir.resolve("long/" + "d".repeat(90) + "/" + "e".repeat(90)));
    writeText(dir.resolve("long/" + "d".repeat(90) + "/" + "e".repeat(90) + "/f.txt"), 10, random);
    if ("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"))) {
      writeText(dir.resolve("data/text/naïve café ✓.txt"), 500, random);
    }

    writeText(dir.resolve("home/alice/notes.txt"), 4000, random);
    writeText(dir.resolve("home/alice/secret.key"), 64, random);
    writeText(dir.resolve("srv/www/index.html"), 2000, random);
    writeText(dir.resolve("bin/tool.sh"), 300, random);
    writeRandom(dir.resolve("bin/setuid-tool"), 5000, random);

    Files.createSymbolicLink(dir.resolve("data/latest-log"), Path.of("text/log-3m.txt"));
    Files.createSymbolicLink(dir.resolve("data/dangling"), Path.of("../does/not/exist"));
    writeText(dir.resolve("data/text/original.txt"), 9000, random);
    Files.createLink(
        dir.resolve("data/text/z-hardlink.txt"), dir.resolve("data/text/original.txt"));
    run("mkfifo", dir.resolve("data/fifo").toString());

    xattr(
        dir.resolve("data/text/original.txt"),
        "comment",
        "hello xattr".getBytes(StandardCharsets.UTF_8));
    xattr(dir.resolve("srv/www"), "owner", "www team".getBytes(StandardCharsets.UTF_8));
    xattr(
        dir.resolve("bin/setuid-tool"),
        "binary",
        new byte[] {0, (byte) 0xff, (byte) 0xc3, 0x28, 10});

    chown(dir.resolve("home/alice"), 1000, 1000);
    chown(dir.resolve("home/alice/notes.txt"), 1000, 1000);
    chown(dir.resolve("home/alice/secret.key"), 1000, 1000);
    chown(dir.resolve("srv/www"), 33, 33);
    chown(dir.resolve("srv/www/index.html"), 33, 33);
    chown(dir.resolve("data/latest-log"), 1000, 1000);
    chown(dir.resolve("data/fifo"), 33, 33);
    chown(dir.resolve("data/text/original.txt"), 1000, 33);

    chmod(dir.resolve("home/alice/secret.key"), 0600);
    chmod(dir.resolve("home/alice"), 0700);
    chmod(dir.resolve("bin/tool.sh"), 0755);
    chmod(dir.resolve("bin/setuid-tool"), 04755);
    chmod(dir.resolve("shared-tmp"), 01777);
    chmod(dir.resolve("data/fifo"), 0620);
    chmod(dir.resolve("emptydir"), 0555);
    chmod(dir, 0751);

    setTimesDeepestFirst(dir, random);
  }

  /** describe(dir) with the given options; see the class comment. */
  public static List<String> describe(Path dir, Option... options) throws IOException {
    Set<Option> opts =
        options.length == 0 ? EnumSet.noneOf(Option.class) : EnumSet.of(options[0], options);
    Map<String, Map<String, Object>> attrs = new TreeMap<>();
    collect(dir, "/", attrs);
    Map<String, String> firstPathOfInode = new HashMap<>();
    for (Map.Entry<String, Map<String, Object>> e : attrs.entrySet()) {
      Map<String, Object> a = e.getValue();
      if ((Integer) a.get("nlink") > 1 && !(Boolean) a.get("isDirectory")) {
        firstPathOfInode.putIfAbsent(a.get("dev") + ":" + a.get("ino"), e.getKey());
      }
    }
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> e : attrs.entrySet()) {
      String path = e.getKey();
      if (path.equals("/") && opts.contains(Option.IGNORE_ROOT)) {
        continue;
      }
      Map<String, Object> a = e.getValue();
      Path p = path.equals("/") ? dir : dir.resolve(path.substring(1));
      int mode = (Integer) a.get("mode");
      String type = typeOf(mode);
      Instant mtime = ((FileTime) a.get("lastModifiedTime")).toInstant();
      if (opts.contains(Option.WHOLE_SECOND_MTIMES)) {
        mtime = mtime.truncatedTo(ChronoUnit.SECONDS);
      }
      StringBuilder line =
          new StringBuilder(path)
              .append(' ')
              .append(type)
              .append(String.format(" mode=%04o", mode & 07777))
              .append(" owner=")
              .append(a.get("uid"))
              .append(':')
              .append(a.get("gid"))
              .append(" mtime=")
              .append(mtime);
      switch (type) {
        case "file" -> {
          line.append(" size=").append(a.get("size")).append(" sha256=").append(sha256(p));
          String key = a.get("dev") + ":" + a.get("ino");
          if (firstPathOfInode.containsKey(key)) {
            line.append(" inode-shared-with=").append(firstPathOfInode.get(key));
          }
        }
        case "symlink" -> line.append(" -> ").append(Files.readSymbolicLink(p));
        case "char", "block" -> {
          long rdev = (Long) a.get("rdev");
          line.append(" rdev=").append(rdev);
        }
        default -> {}
      }
      if (!opts.contains(Option.IGNORE_XATTRS) && (type.equals("file") || type.equals("dir"))) {
        Map<String, String> x = xattrs(p);
        if (!x.isEmpty()) {
          line.append(" xattrs=").append(x);
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** SHA-256 of a stream, read in chunks (never buffered whole). */
  /** The bytes of all regular files below dir. */
  public static long dirBytes(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      long total = 0;
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        total += Files.size(p);
      }
      return total;
    }
  }

  public static String sha256(InputStream in) throws IOException {
    MessageDigest md = sha256Digest();
    byte[] buf = new byte[64 * 1024];
    for (int n; (n = in.read(buf)) > 0; ) {
      md.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in);
    }
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void collect(Path p, String path, Map<String, Map<String, Object>> out)
      throws IOException {
    Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
    out.put(path, a);
    if ((Boolean) a.get("isDirectory")) {
      List<String> names = new ArrayList<>();
      try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
        s.forEach(c -> names.add(c.getFileName().toString()));
      }
      Collections.sort(names);
      for (String n : names) {
        collect(p.resolve(n), path.equals("/") ? "/" + n : path + "/" + n, out);
      }
    }
  }

  private static String typeOf(int mode) {
    return switch (mode & 0170000) {
      case 0040000 -> "dir";
      case 0100000 -> "file";
      case 0120000 -> "symlink";
      case 0010000 -> "fifo";
      case 0020000 -> "char";
      case 0060000 -> "block";
      case 0140000 -> "socket";
      default -> "unknown";
    };
  }

  private static Map<String, String> xattrs(Path p) throws IOException {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(
            p, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    Map<String, String> result = new TreeMap<>();
    try {
      for (String name : view.list()) {
        ByteBuffer buf = ByteBuffer.allocate(view.size(name));
        view.read(name, buf);
        result.put(
            "user." + name,
            Base64.getEncoder()
                .encodeToString(java.util.Arrays.copyOf(buf.array(), buf.position())));
      }
    } catch (IOException | UnsupportedOperationException e) {
      return Map.of();
    }
    return result;
  }

  private static void xattr(Path p, String name, byte[] value) {
    try {
      Files.getFileAttributeView(p, UserDefinedFileAttributeView.class)
          .write(name, ByteBuffer.wrap(value));
    } catch (IOException | UnsupportedOperationException e) {
      // File system without user xattrs: the tree simply has none.
    }
  }

  private static void mkdirs(Path dir, String... paths) throws IOException {
    for (String p : paths) {
      Files.createDirectories(dir.resolve(p));
    }
  }

  private static void writeRandom(Path file, int size, Random random) throws IOException {
    byte[] data = new byte[size];
    random.nextBytes(data);
    Files.write(file, data);
  }

  private static void writeText(Path file, int size, Random random) throws IOException {
    String[] words = {
      "volume",
      "backup",
      "docker",
      "restore",
      "chunk",
      "snapshot",
      "the",
      "of",
      "a",
      "repository",
      "encrypted",
      "ERROR",
      "INFO",
      "2016-03-01T12:00:00Z",
      "request"
    };
    StringBuilder sb = new StringBuilder(size + 32);
    while (sb.length() < size) {
      sb.append(words[random.nextInt(words.length)]).append(random.nextInt(12) == 0 ? '\n' : ' ');
    }
    sb.setLength(size);
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }

  private static void chown(Path p, int uid, int gid) throws IOException {
    Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
  }

  private static void chmod(Path p, int mode) throws IOException {
    Files.setAttribute(p, "unix:mode", mode);
  }

  private static void setTimesDeepestFirst(Path p, Random random) throws IOException {
    boolean isDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    if (isDir) {
      List<Path> children = new ArrayList<>();
      try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
        s.forEach(children::add);
      }
      Collections.sort(children);
      for (Path c : children) {
        setTimesDeepestFirst(c, random);
      }
    }
    long seconds = random.nextInt(5 * 365 * 24 * 3600);
    int nanos = random.nextInt(1_000_000_000);
    boolean symlink = Files.isSymbolicLink(p);
    if (symlink) {
      nanos = nanos / 1000 * 1000;
    }
    Instant t = BASE_TIME.plusSeconds(seconds).plusNanos(nanos);
    if (Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) instanceof Integer m
        && (m & 0170000) == 0010000) {
      // The JDK opens a file to set its times, which blocks on a FIFO.
      run(
          "touch",
          "-h",
          "-m",
          "-d",
          "@" + t.getEpochSecond() + "." + String.format("%09d", t.getNano()),
          p.toString());
      return;
    }
    Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(FileTime.from(t), null, null);
  }

  /**
   * Runs a command (at most two minutes), failing on a non-zero exit; returns its combined output.
   */
  public static String run(String... command) throws IOException {
    try {
      Processes.Finished finished =
          Processes.run(new ProcessBuilder(command), Duration.ofMinutes(2));
      if (finished.exitCode() != 0) {
        throw new IOException(
            String.join(" ", command)
                + " exited "
                + finished.exitCode()
                + ": "
                + finished.output());
      }
      return finished.output();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted", e));
    }
  }
}
