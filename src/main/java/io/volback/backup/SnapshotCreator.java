package io.volback.backup;

import io.volback.concurrent.LocalHost;
import io.volback.entry.EntrySource;
import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.entry.SkipLog;
import io.volback.entry.UnchangedContent;
import io.volback.repo.BlobType;
import io.volback.repo.Id;
import io.volback.repo.Repository;
import io.volback.repo.chunker.ChunkReader;
import io.volback.repo.lock.LockMode;
import io.volback.repo.lock.RepositoryLock;
import io.volback.repo.pack.BlobSaver;
import io.volback.repo.pack.SaveStats;
import io.volback.repo.snapshot.Snapshot;
import io.volback.repo.snapshot.SnapshotStats;
import io.volback.repo.snapshot.SourceInfo;
import io.volback.repo.snapshot.StoredSnapshot;
import io.volback.repo.tree.TreeNode;
import io.volback.repo.tree.TreeWriter;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapshotCreator takes a snapshot of an EntrySource: file contents are chunked into DATA blobs,
 * the tree into TREE blobs; then packs and index are stored, and only then the snapshot object, so
 * a crash leaves no half snapshot, only unreferenced data. With a parent snapshot, files whose
 * size, mtime, ctime and inode are unchanged reuse the parent's blobs without being read.
 */
public final class SnapshotCreator {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotCreator.class);
  private final Repository repo;
  private final BackupListener listener;
  private final ChunkReader chunkReader;
  private boolean rereadAll;
  private String hostname = LocalHost.name();
  private Instant time;

  public SnapshotCreator(Repository repo, BackupListener listener) {
    this.repo = repo;
    this.listener = listener;
    this.chunkReader = new ChunkReader(repo.chunker());
  }

  /**
   * With true, every file is read again even when the parent snapshot says it is unchanged (the
   * parent is still recorded); for when file metadata cannot be trusted to reveal changes.
   */
  public SnapshotCreator rereadAll(boolean reread) {
    this.rereadAll = reread;
    return this;
  }

  /**
   * The machine name the snapshot records (default: this machine's); in a container the machine's
   * name is the container's id, which changes with every new container.
   */
  public SnapshotCreator hostname(String name) {
    this.hostname = name;
    return this;
  }

  /**
   * The time the snapshot records instead of its start (restic's backup --time), for imports and
   * retention tests; null: the start.
   */
  public SnapshotCreator time(Instant time) {
    this.time = time;
    return this;
  }

  /** Like create with a SkipLog, for sources that leave nothing out. */
  public StoredSnapshot create(
      EntrySource source, SourceInfo info, List<String> tags, StoredSnapshot parent)
      throws IOException {
    return create(source, info, tags, parent, new SkipLog(warning -> {}));
  }

  /**
   * Takes a snapshot of source; skips is where the source reports the entries it leaves out, and
   * the snapshot records them (count and the first SkipLog.KEPT paths).
   */
  public StoredSnapshot create(
      EntrySource source, SourceInfo info, List<String> tags, StoredSnapshot parent, SkipLog skips)
      throws IOException {
    Instant start = Instant.now();
    try (RepositoryLock lock = repo.lock(LockMode.SHARED);
        BlobSaver saver = repo.newBlobSaver()) {
      LOG.debug(
          "locked the repository after {} ms", Duration.between(start, Instant.now()).toMillis());
      Counter counter = new Counter();
      TreeWriter tree = new TreeWriter(repo.chunker(), saver);
      // With rereadAll the matcher still tells new files from modified ones.
      ParentMatcher matcher =
          parent == null
              ? null
              : ParentMatcher.of(parent, repo.newBlobLoader(), repo.index(), listener::warning);
      PendingNodes pending =
          new PendingNodes(
              (stored, content, change) -> {
                tree.add(new TreeNode(stored, content));
                listener.entryDone(stored, change);
              });
      source.forEach(
          (entry, opener) -> {
            if (entry.type() != EntryType.FILE) {
              counter.count(entry);
              pending.add(entry, null, EntryChange.OTHER);
              return;
            }
            List<Id> unchanged =
                matcher == null
                    ? null
                    : matcher.unchangedContent(entry, opener instanceof UnchangedContent);
            if (unchanged != null && !rereadAll) {
              counter.count(entry);
              pending.add(entry, unchanged, EntryChange.UNCHANGED);
              return;
            }
            EntryChange change =
                matcher != null && matcher.inParent(entry) ? EntryChange.MODIFIED : EntryChange.NEW;
            List<CompletableFuture<Id>> content = new ArrayList<>();
            long n = store(opener.open(), saver, content);
            FileEntry stored = n == entry.size() ? entry : entry.toBuilder().size(n).build();
            counter.filesRead++;
            counter.bytesRead += n;
            counter.count(stored);
            pending.addPending(stored, content, change);
          });
      pending.finish();
      LOG.debug(
          "walked {} entries in {} ms",
          tree.nodes(),
          Duration.between(start, Instant.now()).toMillis());
      List<Id> treeIds = tree.finish();
      saver.flush();
      LOG.debug(
          "stored data and index after {} ms", Duration.between(start, Instant.now()).toMillis());
      SaveStats saved = saver.stats();
      SnapshotStats stats =
          new SnapshotStats(
              counter.files,
              counter.dirs,
              counter.others,
              counter.bytes,
              counter.filesRead,
              counter.bytesRead,
              saved.newBlobs(),
              saved.newRawBytes(),
              saved.storedBytes(),
              Duration.between(start, Instant.now()).toMillis());
      Snapshot snapshot =
          new Snapshot(
              1,
              time != null ? time : start,
              hostname,
              System.getProperty("user.name"),
              info,
              tags,
              treeIds.stream().map(Id::hex).toList(),
              parent == null ? null : parent.id().hex(),
              stats,
              skipped(skips));
      lock.checkStillHeld();
      return repo.saveSnapshot(snapshot);
    }
  }

  private static Snapshot.Skipped skipped(SkipLog skips) {
    if (skips.count() == 0) {
      return null;
    }
    return new Snapshot.Skipped(
        skips.count(),
        skips.kept().stream().map(s -> new Snapshot.SkippedEntry(s.path(), s.reason())).toList());
  }

  private long store(InputStream in, BlobSaver saver, List<CompletableFuture<Id>> content)
      throws IOException {
    long total = 0;
    try (in) {
      ChunkReader chunks = chunkReader.reset(in);
      for (int len = chunks.next(); len >= 0; len = chunks.next()) {
        content.add(saver.saveAsync(BlobType.DATA, chunks.bytes(), chunks.offset(), len));
        total += len;
        listener.bytesRead(len);
      }
    }
    return total;
  }

  private static final class Counter {
    long files;
    long dirs;
    long others;
    long bytes;
    long filesRead;
    long bytesRead;

    void count(FileEntry e) {
      switch (e.type()) {
        case FILE -> {
          files++;
          bytes += e.size();
        }
        case DIRECTORY -> dirs++;
        default -> others++;
      }
    }
  }
}
