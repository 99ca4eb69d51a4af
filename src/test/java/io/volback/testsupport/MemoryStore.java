package io.volback.testsupport;

import io.volback.store.ObjectInfo;
import io.volback.store.ObjectNotFoundException;
import io.volback.store.ObjectStore;
import io.volback.store.StoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * MemoryStore keeps objects in memory: for fast unit tests of repository logic only. Its own clock
 * stamps each put as the object's lastModified, so a test can play a store whose clock differs from
 * the one the code under test reads.
 */
public class MemoryStore implements ObjectStore {
  private record Stored(byte[] bytes, Instant written) {}

  private final ConcurrentSkipListMap<String, Stored> objects = new ConcurrentSkipListMap<>();
  private final Clock clock;

  public MemoryStore() {
    this(Clock.systemUTC());
  }

  public MemoryStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String location() {
    return "memory:";
  }

  @Override
  public void put(String key, byte[] data, int length) throws IOException {
    objects.put(key, new Stored(java.util.Arrays.copyOf(data, length), clock.instant()));
  }

  @Override
  public InputStream get(String key) throws ObjectNotFoundException {
    return new ByteArrayInputStream(bytes(key));
  }

  @Override
  public void readRange(String key, long offset, int length, byte[] into) throws IOException {
    byte[] b = bytes(key);
    if (offset + length > b.length) {
      throw new StoreException(
          "memory:"
              + key
              + ": range "
              + offset
              + "+"
              + length
              + " is beyond the end ("
              + b.length
              + " bytes)",
          true,
          null);
    }
    System.arraycopy(b, (int) offset, into, 0, length);
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    Stored o = objects.get(key);
    return o == null ? Optional.empty() : Optional.of(info(key, o));
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    return objects.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(e -> info(e.getKey(), e.getValue()))
        .toList();
  }

  @Override
  public void delete(String key) {
    objects.remove(key);
  }

  /** Replaces an object's bytes, to simulate damage. */
  public void corrupt(String key, int offset) {
    objects.get(key).bytes()[offset] ^= 0x40;
  }

  public long totalBytes(String prefix) {
    return list(prefix).stream().mapToLong(ObjectInfo::size).sum();
  }

  private byte[] bytes(String key) throws ObjectNotFoundException {
    Stored o = objects.get(key);
    if (o == null) {
      throw new ObjectNotFoundException(location(), key);
    }
    return o.bytes();
  }

  private static ObjectInfo info(String key, Stored o) {
    return new ObjectInfo(key, o.bytes().length, o.written());
  }
}
