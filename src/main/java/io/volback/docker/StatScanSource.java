package io.volback.docker;

import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import io.volback.docker.HelperContainer.Access;
import io.volback.entry.EntrySource;
import io.volback.entry.EntryType;
import io.volback.entry.EntryVisitor;
import io.volback.entry.FileEntry;
import io.volback.entry.TarEntrySource;
import io.volback.entry.UnchangedContent;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * StatScanSource reads a volume through the Engine API against its parent snapshot's entries
 * without fetching what did not change: every parent entry is stat'ed (HEAD of the archive
 * endpoint, ~1 ms); an entry whose type, size, permissions and mtime (to the second, as the tar
 * carries it) are unchanged is the parent's entry again, and a file's content is then taken from
 * the parent. Anything else is fetched with GET ?path=P: a changed file alone, a changed directory
 * with its whole subtree (a changed directory mtime is how added, removed and renamed entries show;
 * the engine cannot list a directory without its data, so its subtree is read in full). The result
 * equals a full read's, except for what a stat cannot see: owner and xattr changes that leave mtime
 * alone, and hard links (a parent with hard links is read in full by the caller).
 *
 * <p>Entries whose parent mtime is at or after {@code racyFrom} (the parent snapshot's start, to
 * the second) are fetched again: a write later in that same second would otherwise go unnoticed.
 */
public final class StatScanSource implements EntrySource, Closeable {
  /** The parent snapshot's entries in PathComponents.ORDER; null after the last. */
  @FunctionalInterface
  public interface ParentEntries {
    FileEntry next() throws IOException;
  }

  private final DockerHost host;
  private final String volume;
  private final ParentEntries parent;
  private final Instant racyFrom;
  private final HelperContainer helper;
  private final PathStatClient stats;
  private long statted;
  private long fetched;

  private StatScanSource(
      DockerHost host, String volume, ParentEntries parent, Instant racyFrom, HelperContainer h) {
    this.host = host;
    this.volume = volume;
    this.parent = parent;
    this.racyFrom = racyFrom.truncatedTo(ChronoUnit.SECONDS);
    this.helper = h;
    this.stats = new PathStatClient(host);
  }

  /** Whether the host can be stat'ed this way (a local unix socket). */
  public static boolean supported(DockerHost host) {
    return host.isLocalSocket();
  }

  public static StatScanSource open(
      DockerHost host, String volume, ParentEntries parent, Instant racyFrom) throws IOException {
    HelperContainer helper = HelperContainer.create(host, volume, Access.READ_ONLY);
    try {
      return new StatScanSource(host, volume, parent, racyFrom, helper);
    } catch (RuntimeException e) {
      helper.close();
      throw e;
    }
  }

  /** How many paths were stat'ed and how many fetched with GET (a subtree counts once). */
  public long statted() {
    return statted;
  }

  public long fetched() {
    return fetched;
  }

  @Override
  public void forEach(EntryVisitor visitor) throws IOException {
    String covered = null;
    for (FileEntry old = parent.next(); old != null; old = parent.next()) {
      if (covered != null && isUnder(old.path(), covered)) {
        continue;
      }
      covered = null;
      statted++;
      Optional<PathStat> now = stats.stat(helper.id(), containerPath(old.path()));
      if (now.isEmpty()) {
        if (old.isRoot()) {
          throw new IOException("volume " + volume + ": its root cannot be stat'ed");
        }
        covered = old.path(); // removed since its directory was stat'ed: as a full read races
        continue;
      }
      if (unchanged(old, now.get())) {
        String path = old.path();
        visitor.visit(
            old, old.type() == EntryType.FILE ? (UnchangedContent) () -> open(path) : null);
        continue;
      }
      fetch(old.path(), visitor);
      covered = old.path();
    }
  }

  private boolean unchanged(FileEntry old, PathStat now) {
    if (now.type() != old.type()
        || old.type() == EntryType.HARDLINK
        || !old.mtime().equals(now.mtime().truncatedTo(ChronoUnit.SECONDS))
        || !old.mtime().isBefore(racyFrom)) {
      return false;
    }
    return switch (old.type()) {
      case FILE -> old.size() == now.size() && old.mode() == now.permissions();
      case SYMLINK -> true; // a new target is a new link: a new mtime
      default -> old.mode() == now.permissions();
    };
  }

  /** Visits path and, for a directory, everything under it, as the engine has them now. */
  private void fetch(String path, EntryVisitor visitor) throws IOException {
    fetched++;
    try (InputStream tar = get(path)) {
      if (path.equals("/")) {
        new TarEntrySource(tar, true).forEach(visitor);
        return;
      }
      String prefix = path.substring(0, path.lastIndexOf('/'));
      new TarEntrySource(tar, false)
          .forEach(
              (entry, content) -> {
                if (!entry.isRoot()) {
                  visitor.visit(prefixed(prefix, entry), content);
                }
              });
    }
  }

  private static FileEntry prefixed(String prefix, FileEntry e) {
    FileEntry.Builder b = e.toBuilder().path(prefix + e.path());
    if (e.type() == EntryType.HARDLINK) {
      b.linkTarget(prefix + e.linkTarget());
    }
    return b.build();
  }

  /** The content of the file at path now (an unchanged file whose parent blobs are gone). */
  private InputStream open(String path) throws IOException {
    InputStream tar = get(path);
    InputStream[] content = new InputStream[1];
    try {
      new TarEntrySource(tar, false)
          .forEach(
              (entry, opener) -> {
                if (content[0] == null && entry.type() == EntryType.FILE) {
                  content[0] = opener.open();
                  throw new Found();
                }
              });
      tar.close();
      return InputStream.nullInputStream(); // no longer a file: a race, as in a full read
    } catch (Found found) {
      return new FilterInputStream(content[0]) {
        @Override
        public void close() throws IOException {
          tar.close();
        }
      };
    } catch (IOException | RuntimeException e) {
      tar.close();
      throw e;
    }
  }

  /** Stops a TarEntrySource at the member wanted, leaving the stream there. */
  private static final class Found extends RuntimeException {
    Found() {
      super(null, null, false, false);
    }
  }

  private InputStream get(String path) throws DockerHostException {
    Request request =
        Request.builder()
            .method(Request.Method.GET)
            .path(
                "/containers/"
                    + helper.id()
                    + "/archive?path="
                    + PathStatClient.percentEncoded(containerPath(path)))
            .putHeader("Accept-Encoding", "identity")
            .build();
    Response response = EngineApi.send(host, request, "read " + path + " of volume " + volume);
    return new FilterInputStream(response.getBody()) {
      @Override
      public void close() throws IOException {
        response.close();
      }
    };
  }

  private static String containerPath(String path) {
    return path.equals("/") ? HelperContainer.MOUNT_PATH : HelperContainer.MOUNT_PATH + path;
  }

  private static boolean isUnder(String path, String dir) {
    return dir.equals("/") || (path.startsWith(dir) && path.startsWith("/", dir.length()));
  }

  @Override
  public void close() {
    try {
      stats.close();
    } finally {
      helper.close();
    }
  }
}
