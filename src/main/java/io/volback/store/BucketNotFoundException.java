package io.volback.store;

/**
 * BucketNotFoundException: the S3 bucket of a store does not exist, so neither does any repository
 * in it; callers report it as they report a missing repository.
 */
public class BucketNotFoundException extends StoreException {
  public BucketNotFoundException(String location, String bucket, String endpoint, Throwable cause) {
    super(
        "no repository at " + location + ": bucket '" + bucket + "' does not exist at " + endpoint,
        true,
        cause);
  }
}
