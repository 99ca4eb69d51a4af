package io.volback.docker;

import java.io.IOException;
import java.io.OutputStream;

/**
 * TarWriter writes a tar stream whose entry names start with "data/" (the root entry being
 * "data/"). It must not close {@code out}; closing is ignored anyway.
 */
@FunctionalInterface
public interface TarWriter {
  void writeTo(OutputStream out) throws IOException;
}
