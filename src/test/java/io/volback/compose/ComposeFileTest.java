package io.volback.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.compose.ComposeFile.Mount;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compose reader: the example as written, and what it refuses. */
class ComposeFileTest {
  static final Path EXAMPLE = Path.of("examples/compose/compose.yaml");

  @TempDir Path tmp;

  @Test
  void theExampleIsReadWithItsServicesVolumesLabelsAndSecrets() throws Exception {
    ComposeFile compose = ComposeFile.read(EXAMPLE);

    assertThat(compose.name()).isEqualTo("volback-example");
    assertThat(compose.services()).containsOnlyKeys("db", "volback");
    assertThat(compose.volumes().get("db-data")).containsKey("volback.schedule");
    assertThat(compose.service("db").labels()).containsKey("volback.exec.pre");
    assertThat(compose.service("db").mounts())
        .containsExactly(new Mount("db-data", "/var/lib/postgresql/data", false));
    assertThat(compose.service("volback").mounts())
        .contains(
            new Mount("/var/run/docker.sock", "/var/run/docker.sock", false),
            new Mount("/var/lib/docker/volumes", "/var/lib/docker/volumes", false),
            new Mount("./volback.yml", "/etc/volback/volback.yml", true));
    assertThat(compose.service("volback").environment())
        .containsEntry("VOLBACK_PASSWORD_FILE", "/run/secrets/volback-password");
    assertThat(compose.service("volback").restart()).isEqualTo("unless-stopped");
    assertThat(compose.hostPath(compose.secrets().get("volback-password").toString()))
        .isEqualTo(EXAMPLE.toAbsolutePath().getParent().resolve("volback-password").normalize());
  }

  @Test
  void aKeyOutsideTheTranslatedSubsetIsRefusedByName() throws Exception {
    Path file = tmp.resolve("compose.yaml");
    Files.writeString(
        file, "name: x\nservices:\n  app:\n    image: busybox\n    networks: [front]\n");

    assertThatThrownBy(() -> ComposeFile.read(file))
        .hasMessageContaining("service app: key 'networks' is outside the subset");
  }

  @Test
  void aVolumeThatIsNotDeclaredIsRefused() throws Exception {
    Path file = tmp.resolve("compose.yaml");
    Files.writeString(
        file, "name: x\nservices:\n  app:\n    image: busybox\n    volumes: [\"data:/data\"]\n");

    assertThatThrownBy(() -> ComposeFile.read(file))
        .hasMessageContaining("service app mounts volume data, not declared");
  }
}
