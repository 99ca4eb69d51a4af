package io.volback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreFactoryTest {
  @TempDir Path temp;

  @Test
  void folderRepositoryIsARetryingLocalFolderStore() throws Exception {
    try (ObjectStore store = StoreFactory.open(temp.toString(), null, false)) {
      assertThat(store).isInstanceOf(RetryingStore.class);
      assertThat(((RetryingStore) store).inner()).isInstanceOf(LocalFolderStore.class);
      assertThat(store.location()).isEqualTo(temp.toString());
    }
  }

  @Test
  void s3RepositoryIsARetryingS3Store() throws Exception {
    try (ObjectStore store = StoreFactory.open("s3://bucket/team", "http://127.0.0.1:9000", true)) {
      assertThat(((RetryingStore) store).inner()).isInstanceOf(S3Store.class);
      assertThat(store.location()).isEqualTo("s3://bucket/team");
    }
  }

  @Test
  void endpointAndPathStyleReachTheS3Location() {
    S3Location location =
        StoreFactory.s3Location(
            new RepositoryLocation.S3("bucket", "p"), "https://minio.local:9000", true);

    assertThat(location)
        .isEqualTo(
            new S3Location(
                "bucket", "p", Optional.of(URI.create("https://minio.local:9000")), true));
    assertThat(
            StoreFactory.s3Location(new RepositoryLocation.S3("bucket", ""), null, false)
                .endpoint())
        .isEmpty();
  }

  @Test
  void invalidEndpointIsRejected() {
    assertThatThrownBy(() -> StoreFactory.endpoint("minio:9000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid S3 endpoint 'minio:9000': expected http(s)://host[:port]");
  }

  @Test
  void endpointWithCredentialsIsRejectedWithoutEchoingThem() {
    assertThatThrownBy(() -> StoreFactory.endpoint("http://key:topsecret@minio:9000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("topsecret");
  }
}
