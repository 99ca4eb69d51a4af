package io.volback.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * S3ObjectStream turns the SDK's unchecked failures while reading an object body (a checksum
 * mismatch at the end) and its I/O errors (a reset connection) into StoreExceptions naming the key.
 */
final class S3ObjectStream extends FilterInputStream {
  private final S3Errors errors;
  private final String key;

  S3ObjectStream(InputStream body, S3Errors errors, String key) {
    super(body);
    this.errors = errors;
    this.key = key;
  }

  @Override
  public int read() throws IOException {
    return guarded(super::read);
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    return guarded(() -> super.read(buffer, offset, length));
  }

  @Override
  public long skip(long n) throws IOException {
    return guarded(() -> super.skip(n));
  }

  @Override
  public void close() throws IOException {
    guarded(
        () -> {
          super.close();
          return 0;
        });
  }

  /** Runs a read of the body, turning SDK and I/O failures into StoreExceptions naming the key. */
  private <T> T guarded(BodyRead<T> read) throws IOException {
    try {
      return read.run();
    } catch (SdkException e) {
      throw mapped(e);
    } catch (StoreException e) {
      throw e;
    } catch (IOException e) {
      throw errors.readFailure("cannot read object " + key, e);
    }
  }

  @FunctionalInterface
  private interface BodyRead<T> {
    T run() throws IOException;
  }

  private StoreException mapped(SdkException e) {
    return errors.map(e, "cannot read object " + key, key);
  }
}
