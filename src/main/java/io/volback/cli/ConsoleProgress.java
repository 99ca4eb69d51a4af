package io.volback.cli;

import io.volback.app.ProgressListener;
import io.volback.backup.EntryChange;
import io.volback.cli.json.BackupSummaryJson.FileChanges;
import io.volback.cli.json.ErrorJson;
import io.volback.cli.json.VerboseStatusJson;
import io.volback.entry.ByteNames;
import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ConsoleProgress hears a backup or restore volume by volume: it drives the progress display, lists
 * each file with -vv (as restic's "new", "modified", "unchanged" or "restored" lines, or
 * verbose_status lines under --json), counts files by change for the summaries, and prints warnings
 * on stderr. Volumes are processed one at a time; files of a restore on several threads.
 */
final class ConsoleProgress implements ProgressListener {
  private final Output output;
  private final String action;
  private final Map<String, Counts> counts = new ConcurrentHashMap<>();
  private volatile String volume;
  private volatile Progress current;

  ConsoleProgress(Output output, String action) {
    this.output = output;
    this.action = action;
  }

  /** How the files of volume's backup changed since its parent (zero when none was seen). */
  FileChanges changes(String volume) {
    Counts c = counts.getOrDefault(volume, new Counts());
    return new FileChanges(c.added.get(), c.changed.get(), c.unchanged.get());
  }

  /** The volume (or source) being worked on, null between volumes. */
  String currentVolume() {
    return volume;
  }

  @Override
  public void volumeStarted(String volume, long expectedBytes) {
    this.volume = volume;
    counts.put(volume, new Counts());
    current = new Progress(output, action, volume);
    current.expectTotal(expectedBytes);
  }

  @Override
  public void volumeFinished(String volume) {
    Progress p = current;
    if (p != null) {
      p.close();
    }
    current = null;
    this.volume = null;
  }

  @Override
  public void entryDone(FileEntry entry, EntryChange change) {
    Progress p = current;
    if (change == EntryChange.OTHER) {
      return;
    }
    Counts c = volume == null ? null : counts.get(volume);
    if (c != null) {
      (change == EntryChange.NEW
              ? c.added
              : change == EntryChange.MODIFIED ? c.changed : c.unchanged)
          .incrementAndGet();
    }
    if (p != null) {
      p.file();
      if (!change.contentRead()) {
        p.bytes(entry.size());
      }
    }
    listFile(p, entry, change.name().toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public void entryDone(FileEntry entry) {
    if (entry.type() != EntryType.FILE) {
      return;
    }
    Progress p = current;
    if (p != null) {
      p.file();
      p.bytes(entry.size());
    }
    listFile(p, entry, "restored");
  }

  @Override
  public void bytesRead(long n) {
    Progress p = current;
    if (p != null) {
      p.bytes(n);
    }
  }

  @Override
  public void warning(String message) {
    if (output.json) {
      output.jsonError(ErrorJson.warning(action, volume, message));
      return;
    }
    Progress p = current;
    if (p != null) {
      p.close();
    }
    synchronized (output.err) {
      output.err.println("volback: warning: " + message);
      output.err.flush();
    }
  }

  /** With -vv: one line per file, as restic's verbose output. */
  private void listFile(Progress p, FileEntry entry, String what) {
    if (output.verbosity < 2) {
      return;
    }
    if (output.json) {
      output.jsonLine(
          VerboseStatusJson.of(what, volume, ByteNames.printable(entry.path()), entry.size()));
      return;
    }
    if (p != null) {
      p.close();
    }
    output.verbose(2, String.format("%-9s %s", what, ByteNames.printable(entry.path())));
  }

  private static final class Counts {
    final AtomicLong added = new AtomicLong();
    final AtomicLong changed = new AtomicLong();
    final AtomicLong unchanged = new AtomicLong();
  }
}
