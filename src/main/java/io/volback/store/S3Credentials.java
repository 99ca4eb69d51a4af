package io.volback.store;

import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** S3Credentials are fixed S3 keys the caller read itself (e.g. from *_FILE variables). */
public record S3Credentials(
    String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {

  AwsCredentialsProvider provider() {
    return StaticCredentialsProvider.create(
        sessionToken.isPresent()
            ? AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken.get())
            : AwsBasicCredentials.create(accessKeyId, secretAccessKey));
  }

  // Never print the keys.
  @Override
  public String toString() {
    return "S3Credentials[***]";
  }
}
