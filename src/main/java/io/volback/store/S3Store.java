package io.volback.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.TlsTrustManagersProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** S3Store keeps objects in an S3 bucket (AWS or S3-compatible) under the location's prefix. */
public final class S3Store implements ObjectStore {
  private final S3Config config;
  private final S3Location location;
  private final S3Client client;
  private final S3Errors errors;

  public S3Store(S3Config config) {
    this(config, null);
  }

  /** An S3Store whose client trusts trust's certificates too; for tests against a local https. */
  S3Store(S3Config config, TlsTrustManagersProvider trust) {
    Region region = S3Clients.region(config);
    this.config = config;
    this.location = config.location();
    this.client = S3Clients.build(config, region, trust);
    this.errors = new S3Errors(location, S3Clients.endpoint(config, region));
  }

  @Override
  public String location() {
    return location.url();
  }

  @Override
  public void put(String key, byte[] data, int length) throws IOException {
    String objectKey = location.objectKey(Keys.check(key));
    try {
      if (length > config.multipartThreshold()) {
        putMultipart(objectKey, data, length);
      } else {
        client.putObject(
            r ->
                r.bucket(location.bucket())
                    .key(objectKey)
                    .contentLength((long) length)
                    .contentMD5(ContentMd5.of(data, 0, length)),
            body(data, 0, length));
      }
    } catch (SdkException e) {
      throw errors.map(e, "cannot write object " + key, key);
    }
  }

  /**
   * Checks first, then uploads with If-None-Match: * so that S3 (AWS since 2024, MinIO) refuses the
   * upload if another writer created the key meanwhile. Servers that ignore the header (S3Proxy
   * 2.6) overwrite in that window: callers re-read to see who won.
   */
  @Override
  public boolean putIfAbsent(String key, byte[] data) throws IOException {
    if (stat(key).isPresent()) {
      return false;
    }
    String objectKey = location.objectKey(Keys.check(key));
    try {
      client.putObject(
          r ->
              r.bucket(location.bucket())
                  .key(objectKey)
                  .ifNoneMatch("*")
                  .contentLength((long) data.length)
                  .contentMD5(ContentMd5.of(data, 0, data.length)),
          body(data, 0, data.length));
      return true;
    } catch (AwsServiceException e) {
      if (e.statusCode() == 412) {
        return false;
      }
      throw errors.map(e, "cannot create object " + key, key);
    } catch (SdkException e) {
      throw errors.map(e, "cannot create object " + key, key);
    }
  }

  @Override
  public InputStream get(String key) throws IOException {
    String objectKey = location.objectKey(Keys.check(key));
    try {
      return new S3ObjectStream(
          client.getObject(r -> r.bucket(location.bucket()).key(objectKey)), errors, key);
    } catch (SdkException e) {
      throw errors.map(e, "cannot read object " + key, key);
    }
  }

  @Override
  public void readRange(String key, long offset, int length, byte[] into) throws IOException {
    String objectKey = location.objectKey(Keys.check(key));
    Ranges.check(key, offset, length);
    if (length == 0) {
      stat(key).orElseThrow(() -> new ObjectNotFoundException(location(), key));
      return;
    }
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    // Read into the caller's array of the known length: the SDK's toBytes() grows a buffer and
    // copies it.
    int n;
    try (InputStream in =
        new S3ObjectStream(
            client.getObject(r -> r.bucket(location.bucket()).key(objectKey).range(range)),
            errors,
            key)) {
      n = in.readNBytes(into, 0, length);
    } catch (AwsServiceException e) {
      if (e.statusCode() == 416) {
        throw beyondEnd(key, offset, length);
      }
      throw errors.map(e, "cannot read object " + key, key);
    } catch (SdkException e) {
      throw errors.map(e, "cannot read object " + key, key);
    }
    if (n != length) {
      throw beyondEnd(key, offset, length);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String key) throws IOException {
    String objectKey = location.objectKey(Keys.check(key));
    try {
      HeadObjectResponse head = client.headObject(r -> r.bucket(location.bucket()).key(objectKey));
      return Optional.of(new ObjectInfo(key, head.contentLength(), head.lastModified()));
    } catch (SdkException e) {
      StoreException mapped = errors.map(e, "cannot stat object " + key, key);
      if (mapped instanceof ObjectNotFoundException) {
        return Optional.empty();
      }
      throw mapped;
    }
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws IOException {
    String objectPrefix =
        location.prefix().isEmpty()
            ? Keys.checkPrefix(prefix)
            : location.prefix() + "/" + Keys.checkPrefix(prefix);
    List<ObjectInfo> result = new ArrayList<>();
    try {
      for (S3Object object :
          client
              .listObjectsV2Paginator(r -> r.bucket(location.bucket()).prefix(objectPrefix))
              .contents()) {
        // Folder markers ("dir/"), made by consoles and S3Proxy's filesystem backend, are no keys.
        if (object.key().endsWith("/")) {
          continue;
        }
        result.add(
            new ObjectInfo(
                location.repositoryKey(object.key()), object.size(), object.lastModified()));
      }
    } catch (SdkException e) {
      throw errors.map(e, "cannot list objects under '" + prefix + "'", null);
    }
    return result;
  }

  @Override
  public void delete(String key) throws IOException {
    String objectKey = location.objectKey(Keys.check(key));
    try {
      client.deleteObject(r -> r.bucket(location.bucket()).key(objectKey));
    } catch (SdkException e) {
      StoreException mapped = errors.map(e, "cannot delete object " + key, key);
      if (!(mapped instanceof ObjectNotFoundException)) {
        throw mapped;
      }
    }
  }

  @Override
  public void close() {
    client.close();
  }

  private void putMultipart(String objectKey, byte[] data, int length) {
    String uploadId =
        client.createMultipartUpload(r -> r.bucket(location.bucket()).key(objectKey)).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      for (int offset = 0, number = 1; offset < length; offset += config.partSize(), number++) {
        parts.add(uploadPart(objectKey, uploadId, number, data, offset, length));
      }
      client.completeMultipartUpload(
          r ->
              r.bucket(location.bucket())
                  .key(objectKey)
                  .uploadId(uploadId)
                  .multipartUpload(m -> m.parts(parts)));
    } catch (RuntimeException e) {
      abort(objectKey, uploadId, e);
      throw e;
    }
  }

  private CompletedPart uploadPart(
      String objectKey, String uploadId, int number, byte[] data, int offset, int end) {
    int length = Math.min(config.partSize(), end - offset);
    UploadPartResponse response =
        client.uploadPart(
            r ->
                r.bucket(location.bucket())
                    .key(objectKey)
                    .uploadId(uploadId)
                    .partNumber(number)
                    .contentLength((long) length)
                    .contentMD5(ContentMd5.of(data, offset, length)),
            body(data, offset, length));
    return CompletedPart.builder().partNumber(number).eTag(response.eTag()).build();
  }

  // An upload left open costs storage until a lifecycle rule removes it, so try to abort it.
  private void abort(String objectKey, String uploadId, RuntimeException failure) {
    try {
      client.abortMultipartUpload(
          r -> r.bucket(location.bucket()).key(objectKey).uploadId(uploadId));
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  // Re-readable without copying: the SDK may read the body more than once (signing, checksums).
  private static RequestBody body(byte[] data, int offset, int length) {
    return RequestBody.fromContentProvider(
        () -> new ByteArrayInputStream(data, offset, length), length, "application/octet-stream");
  }

  private StoreException beyondEnd(String key, long offset, int length) throws IOException {
    long size =
        stat(key)
            .map(ObjectInfo::size)
            .orElseThrow(() -> new ObjectNotFoundException(location(), key));
    return Ranges.beyondEnd(location(), key, offset, length, size);
  }
}
