package io.volback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryLocationTest {

  @Test
  void absoluteFolderPath() {
    assertThat(RepositoryLocation.parse("/srv/backup"))
        .isEqualTo(new RepositoryLocation.Folder(Path.of("/srv/backup")));
  }

  @Test
  void relativeFolderPathBecomesAbsolute() {
    assertThat(RepositoryLocation.parse("backups/repo"))
        .isEqualTo(new RepositoryLocation.Folder(Path.of("backups/repo").toAbsolutePath()));
  }

  @Test
  void fileUrl() {
    assertThat(RepositoryLocation.parse("file:///srv/backup/"))
        .isEqualTo(new RepositoryLocation.Folder(Path.of("/srv/backup")));
  }

  @ParameterizedTest
  @CsvSource({
    "s3://bucket, bucket, ''",
    "s3://bucket/, bucket, ''",
    "s3://bucket/some/prefix, bucket, some/prefix",
    "s3://my.bucket-1/team/, my.bucket-1, team"
  })
  void s3Urls(String repository, String bucket, String prefix) {
    assertThat(RepositoryLocation.parse(repository))
        .isEqualTo(new RepositoryLocation.S3(bucket, prefix));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "ftp://x",
        "s3://",
        "s3:///prefix",
        "s3:bucket",
        "s3://b/a//c",
        "s3://b/../x",
        "file://host/path",
        "file:relative",
        "http://x/y"
      })
  void invalidRepositoriesNameTheStringAndTheAcceptedForms(String repository) {
    assertThatThrownBy(() -> RepositoryLocation.parse(repository))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid repository '" + repository + "'")
        .hasMessageEndingWith("expected " + RepositoryLocation.FORMS)
        .hasMessageNotContaining("\n");
  }

  @Test
  void credentialsInAUrlAreMaskedInTheMessage() {
    assertThatThrownBy(() -> RepositoryLocation.parse("s3://key:topsecret@bucket/p"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid repository 's3://***@bucket/p'")
        .hasMessageNotContaining("topsecret");
  }
}
