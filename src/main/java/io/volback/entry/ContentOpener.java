package io.volback.entry;

import java.io.IOException;
import java.io.InputStream;

/**
 * ContentOpener opens the content of a FILE entry. It is only valid during the visit that received
 * it; a visitor that does not need the content simply does not call it, and the source skips it.
 */
@FunctionalInterface
public interface ContentOpener {
  InputStream open() throws IOException;
}
