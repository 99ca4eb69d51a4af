package io.volback.cli;

import io.volback.app.CopyListener;
import io.volback.app.CopyResult;
import io.volback.repo.snapshot.StoredSnapshot;

/**
 * CopyProgress shows a copy on the terminal, snapshot by snapshot, and prints one line per
 * snapshot: copied as NEWID, skipped (already copied) or would be copied. Nothing under -q or
 * --json (whose document lists the snapshots).
 */
final class CopyProgress implements CopyListener {
  private final Output output;
  private Progress current;

  CopyProgress(Output output) {
    this.output = output;
  }

  @Override
  public void snapshotStarted(StoredSnapshot source, long totalBytes) {
    close();
    if (!output.json) {
      current =
          new Progress(
              output, "copy", source.id().shortHex() + " " + source.snapshot().source().name());
      current.expectTotal(totalBytes);
    }
  }

  @Override
  public void bytesCopied(long n) {
    Progress p = current;
    if (p != null) {
      p.bytes(n);
    }
  }

  @Override
  public void snapshotFinished(CopyResult.Copied c) {
    close();
    String snapshot = "snapshot " + c.sourceId().substring(0, 8) + " of " + c.volume();
    switch (c.status()) {
      case COPIED -> output.info(snapshot + " copied as " + c.targetId().substring(0, 8));
      case SKIPPED ->
          output.info(snapshot + " skipped, already copied as " + c.existingCopy().substring(0, 8));
      case WOULD_COPY -> output.info(snapshot + " would be copied");
    }
  }

  void close() {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
