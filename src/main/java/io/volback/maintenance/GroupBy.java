package io.volback.maintenance;

import java.util.Arrays;
import java.util.Locale;

/**
 * GroupBy says which snapshot fields make a retention group, as restic's --group-by
 * host,paths,tags: hostname, volume (the source name) and tags, any subset; none puts every
 * snapshot in one group.
 */
public record GroupBy(boolean hostname, boolean volume, boolean tags) {
  public static final GroupBy DEFAULT = new GroupBy(true, true, false);

  /**
   * Parses "hostname,volume,tags" (any subset, "" for none; restic's "host" and "paths" are
   * accepted as their names); throws IllegalArgumentException naming an unknown field.
   */
  public static GroupBy parse(String text) {
    boolean hostname = false;
    boolean volume = false;
    boolean tags = false;
    for (String field :
        Arrays.stream(text.split(",")).map(String::strip).filter(f -> !f.isEmpty()).toList()) {
      switch (field.toLowerCase(Locale.ROOT)) {
        case "hostname", "host" -> hostname = true;
        case "volume", "paths" -> volume = true;
        case "tags" -> tags = true;
        default ->
            throw new IllegalArgumentException(
                "unknown field '" + field + "' (use hostname, volume and/or tags)");
      }
    }
    return new GroupBy(hostname, volume, tags);
  }
}
