package io.volback.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

/** CountingBlobStore records the object keys S3Proxy reads (GETs, whole or ranged) per bucket. */
final class CountingBlobStore extends ForwardingBlobStore {
  private final Map<String, List<String>> reads = new ConcurrentHashMap<>();

  CountingBlobStore(BlobStore delegate) {
    super(delegate);
  }

  @Override
  public Blob getBlob(String container, String name) {
    record(container, name);
    return super.getBlob(container, name);
  }

  @Override
  public Blob getBlob(String container, String name, GetOptions options) {
    record(container, name);
    return super.getBlob(container, name, options);
  }

  private void record(String container, String name) {
    List<String> keys = reads.computeIfAbsent(container, c -> new ArrayList<>());
    synchronized (keys) {
      keys.add(name);
    }
  }

  /** The keys read in bucket so far, in order, one entry per GET. */
  List<String> reads(String bucket) {
    List<String> keys = reads.getOrDefault(bucket, List.of());
    synchronized (keys) {
      return List.copyOf(keys);
    }
  }
}
