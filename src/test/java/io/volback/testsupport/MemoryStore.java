package io.volback.testsupport;

import io.volback.store.ObjectInfo;
import io.volback.store.ObjectNotFoundException;
import io.volback.store.ObjectStore;
import io.volback.store.StoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** MemoryStore keeps objects in memory: for fast unit tests of repository logic only. */
public class MemoryStore implements ObjectStore {
  private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();

  @Override
  public String location() {
    return "memory:";
  }

  @Override
  public void put(String key, byte[] data, int length) throws IOException {
    objects.put(key, java.util.Arrays.copyOf(data, length));
  }

  @Override
  public InputStream get(String key) throws ObjectNotFoundException {
    return new ByteArrayInputStream(bytes(key));
  }

  @Override
  public void readRange(String key, long offset, int length, byte[] into) throws IOException {
    byte[] b = bytes(key);
    if (offset + length > b.length) {
      throw new StoreException("memory:" + key + ": range " + offset + "+" + length
          + " is beyond the end (" + b.length + " bytes)", true, null);
    }
    System.arraycopy(b, (int) offset, into, 0, length);
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    byte[] b = objects.get(key);
    return b == null ? Optional.empty() : Optional.of(new ObjectInfo(key, b.length));
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    return objects.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
        .map(e -> new ObjectInfo(e.getKey(), e.getValue().length)).toList();
  }

  @Override
  public void delete(String key) {
    objects.remove(key);
  }

  /** Replaces an object's bytes, to simulate damage. */
  public void corrupt(String key, int offset) {
    objects.get(key)[offset] ^= 0x40;
  }

  public long totalBytes(String prefix) {
    return list(prefix).stream().mapToLong(ObjectInfo::size).sum();
  }

  private byte[] bytes(String key) throws ObjectNotFoundException {
    byte[] b = objects.get(key);
    if (b == null) {
      throw new ObjectNotFoundException(location(), key);
    }
    return b;
  }
}
