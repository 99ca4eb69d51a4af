package io.volback.store;

import java.time.Instant;

/**
 * ObjectInfo describes a stored object: its key, its size in bytes, and when it was last written by
 * the store's own clock (a file's mtime, S3's LastModified), or null when the store does not say.
 * Times of objects of one store can be compared with each other, not with the local clock.
 */
public record ObjectInfo(String key, long size, Instant lastModified) {

  /** An object whose store gives no modification time. */
  public ObjectInfo(String key, long size) {
    this(key, size, null);
  }
}
