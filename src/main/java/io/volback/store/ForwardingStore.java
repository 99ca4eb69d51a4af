package io.volback.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * ForwardingStore passes every ObjectStore call, the interface's default methods included, to the
 * store it wraps; a wrapper extends it and overrides only the calls it watches or changes.
 * Forwarding the defaults keeps the wrapped store's own behaviour, e.g. an atomic putIfAbsent. So a
 * subclass that watches writes overrides each of put(key, data), put(key, data, length) and
 * putIfAbsent, and one that watches reads both get and the range reads.
 */
public abstract class ForwardingStore implements ObjectStore {
  private final ObjectStore delegate;

  protected ForwardingStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  /** The wrapped store. */
  protected final ObjectStore delegate() {
    return delegate;
  }

  @Override
  public String location() {
    return delegate.location();
  }

  @Override
  public void put(String key, byte[] data) throws IOException {
    delegate.put(key, data);
  }

  @Override
  public void put(String key, byte[] data, int length) throws IOException {
    delegate.put(key, data, length);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] data) throws IOException {
    return delegate.putIfAbsent(key, data);
  }

  @Override
  public InputStream get(String key) throws IOException {
    return delegate.get(key);
  }

  @Override
  public byte[] getRange(String key, long offset, int length) throws IOException {
    return delegate.getRange(key, offset, length);
  }

  @Override
  public void readRange(String key, long offset, int length, byte[] into) throws IOException {
    delegate.readRange(key, offset, length, into);
  }

  @Override
  public Optional<ObjectInfo> stat(String key) throws IOException {
    return delegate.stat(key);
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws IOException {
    return delegate.list(prefix);
  }

  @Override
  public boolean isEmpty() throws IOException {
    return delegate.isEmpty();
  }

  @Override
  public void delete(String key) throws IOException {
    delegate.delete(key);
  }

  @Override
  public void treePacks(Collection<String> keys, boolean complete) {
    delegate.treePacks(keys, complete);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
