package io.volback.entry;

import java.io.IOException;
import java.io.InputStream;

/**
 * ConcurrentFileSink is an EntrySink that can write file contents on several threads: the place of
 * a FILE entry is prepared in stream order by prepareFile(), and the returned FileWrite may run on
 * any thread, concurrently with other entries. The caller must let every FileWrite finish before
 * writing a hard link to its file, and before finish(). A sink may create and open the file in
 * prepareFile(), so that the write cannot be redirected by anything later entries (or others) do to
 * its directory; close() releases prepared files whose write never ran.
 */
public interface ConcurrentFileSink extends EntrySink {

  /** Prepares the place of a FILE entry; called in stream order instead of write(). */
  FileWrite prepareFile(FileEntry entry) throws IOException;

  /** FileWrite writes one prepared file's content and metadata. */
  @FunctionalInterface
  interface FileWrite {
    void write(InputStream content) throws IOException;
  }
}
