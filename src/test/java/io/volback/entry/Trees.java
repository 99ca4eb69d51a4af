package io.volback.entry;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Test plumbing: pipes a source into a sink and collects entries. */
final class Trees {
  private Trees() {}

  static void copy(EntrySource source, EntrySink sink) throws IOException {
    source.forEach(
        (entry, content) -> {
          if (content == null) {
            sink.write(entry, null);
          } else {
            try (InputStream in = content.open()) {
              sink.write(entry, in);
            }
          }
        });
    sink.finish();
    sink.close();
  }

  static List<FileEntry> entries(EntrySource source) throws IOException {
    List<FileEntry> result = new ArrayList<>();
    source.forEach((entry, content) -> result.add(entry));
    return result;
  }
}
