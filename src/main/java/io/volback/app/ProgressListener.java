package io.volback.app;

import io.volback.backup.BackupListener;
import io.volback.restore.RestoreListener;

/** ProgressListener hears of the progress of backups and restores, volume by volume. */
public interface ProgressListener extends BackupListener, RestoreListener {
  ProgressListener NONE = new ProgressListener() {};

  /** A volume's work starts; expectedBytes is an estimate, or -1 when unknown. */
  default void volumeStarted(String volume, long expectedBytes) {}

  default void volumeFinished(String volume) {}

  default void warning(String message) {}
}
