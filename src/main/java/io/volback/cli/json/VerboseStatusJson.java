package io.volback.cli.json;

/**
 * VerboseStatusJson is one file processed, printed with -vv under --json (restic's verbose_status):
 * action "new", "modified" or "unchanged" for backups, "restored" for restores; item is the path;
 * data_size the file's size in bytes.
 */
public record VerboseStatusJson(
    String messageType, String action, String volume, String item, long dataSize) {
  public static VerboseStatusJson of(String action, String volume, String item, long dataSize) {
    return new VerboseStatusJson("verbose_status", action, volume, item, dataSize);
  }
}
