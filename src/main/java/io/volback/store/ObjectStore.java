package io.volback.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * ObjectStore stores opaque objects under string keys such as "data/ab/ab12...". It knows nothing
 * of packs, snapshots or crypto. Keys use '/' as separator and never start with '/'.
 *
 * <p>All methods throw StoreException (an IOException) naming the store and key on failure;
 * ObjectNotFoundException when a key does not exist.
 */
public interface ObjectStore extends AutoCloseable {

  /** A human-readable location for messages, e.g. "s3://bucket/prefix" or "/srv/backup". */
  String location();

  /** Stores data under key atomically: readers see either the whole object or none. */
  default void put(String key, byte[] data) throws IOException {
    put(key, data, data.length);
  }

  /**
   * Stores the first length bytes of data under key, like put(key, data); lets callers store from
   * reused buffers. data is not referenced after the call returns.
   */
  void put(String key, byte[] data, int length) throws IOException;

  /**
   * Stores data under key only when no object has that key, and returns true; returns false,
   * storing nothing, when one does. Where the store can refuse atomically (a folder; S3 servers
   * that honour If-None-Match) two racing callers cannot both get true. This default, for stores
   * that cannot, checks and then writes: callers that must win alone re-read the object after.
   */
  default boolean putIfAbsent(String key, byte[] data) throws IOException {
    if (stat(key).isPresent()) {
      return false;
    }
    put(key, data);
    return true;
  }

  /** Opens the whole object for reading. */
  InputStream get(String key) throws IOException;

  /** Reads length bytes at offset of the object. */
  default byte[] getRange(String key, long offset, int length) throws IOException {
    byte[] bytes = new byte[length];
    readRange(key, offset, length, bytes);
    return bytes;
  }

  /** Reads length bytes at offset of the object into into[0, length), e.g. a reused buffer. */
  void readRange(String key, long offset, int length, byte[] into) throws IOException;

  /** The object's size, or empty when it does not exist. */
  Optional<ObjectInfo> stat(String key) throws IOException;

  /** Every object whose key starts with prefix, in no particular order. */
  List<ObjectInfo> list(String prefix) throws IOException;

  /** Whether the store holds no object at all (a folder that does not exist holds none). */
  default boolean isEmpty() throws IOException {
    return list("").isEmpty();
  }

  /** Deletes key; deleting a missing key is not an error. */
  void delete(String key) throws IOException;

  /**
   * A hint for a store that keeps local copies of metadata (CachingStore): keys are data/ objects
   * that hold tree blobs only. With complete, they are every such object the repository's index
   * lists now, and a local copy of any other may go. Other stores ignore it.
   */
  default void treePacks(Collection<String> keys, boolean complete) {}

  @Override
  default void close() throws IOException {}
}
