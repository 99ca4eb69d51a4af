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
    try {
      return super.read();
    } catch (SdkException e) {
      throw mapped(e);
    } catch (StoreException e) {
      throw e;
    } catch (IOException e) {
      throw errors.readFailure("cannot read object " + key, e);
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    try {
      return super.read(buffer, offset, length);
    } catch (SdkException e) {
      throw mapped(e);
    } catch (StoreException e) {
      throw e;
    } catch (IOException e) {
      throw errors.readFailure("cannot read object " + key, e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return super.skip(n);
    } catch (SdkException e) {
      throw mapped(e);
    } catch (StoreException e) {
      throw e;
    } catch (IOException e) {
      throw errors.readFailure("cannot read object " + key, e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } catch (SdkException e) {
      throw mapped(e);
    } catch (StoreException e) {
      throw e;
    } catch (IOException e) {
      throw errors.readFailure("cannot read object " + key, e);
    }
  }

  private StoreException mapped(SdkException e) {
    return errors.map(e, "cannot read object " + key, key);
  }
}
