package io.volback.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import io.volback.docker.DockerHost;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose translator on engine A with a busybox service: compose's names and labels, named
 * volumes, relative binds, secrets, the adaptation's overrides, one-offs and exec.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ComposeProjectTest {
  private final DockerHost a = DockerEngines.a();
  @TempDir Path tmp;

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
  }

  @Test
  void aServiceComesUpWithComposeNamesLabelsVolumesBindsAndSecrets() throws Exception {
    Path file = tmp.resolve("compose.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "name: sample",
            "services:",
            "  app:",
            "    image: busybox:latest",
            "    command: [\"sleep\", \"600\"]",
            "    environment: {GREETING: hello}",
            "    volumes: [\"data:/data\", \"./conf.txt:/etc/conf.txt:ro\"]",
            "    secrets: [token]",
            "    labels: {volback.stop: \"true\"}",
            "    restart: unless-stopped",
            "volumes:",
            "  data:",
            "    labels: {volback.schedule: \"0 0 3 * * ?\", keep: me}",
            "secrets:",
            "  token: {file: ./token.txt}",
            ""));
    Files.writeString(tmp.resolve("conf.txt"), "conf\n");
    Path secret = tmp.resolve("other-token.txt");
    Files.writeString(secret, "s3cret\n");
    ComposeProject project =
        new ComposeProject(
            a,
            ComposeFile.read(file),
            new Adaptation()
                .project(TestDocker.uniqueName("compose"))
                .networkMode("none")
                .image("app", TestImages.busybox(a))
                .volumeLabel("data", "volback.schedule", "*/2 * * * * ?")
                .secretFile("token", secret)
                .environment("app", "EXTRA", "added")
                .labels(TestDocker.testLabels()));

    project.createVolumes();
    String id = project.up("app");

    var volume = a.client().inspectVolumeCmd(project.volumeName("data")).exec();
    assertThat(volume.getLabels())
        .containsEntry("volback.schedule", "*/2 * * * * ?")
        .containsEntry("keep", "me")
        .containsEntry(ComposeProject.PROJECT_LABEL, project.project())
        .containsEntry("com.docker.compose.volume", "data");
    var container = a.client().inspectContainerCmd(id).exec();
    assertThat(container.getName()).isEqualTo("/" + project.containerName("app"));
    assertThat(container.getConfig().getLabels())
        .containsEntry("volback.stop", "true")
        .containsEntry("com.docker.compose.service", "app");
    assertThat(container.getHostConfig().getRestartPolicy().getName()).isEqualTo("unless-stopped");
    ComposeProject.Result read =
        project.exec(
            id,
            List.of(
                "sh",
                "-c",
                "cat /etc/conf.txt /run/secrets/token; echo $GREETING $EXTRA; ls /data"),
            Duration.ofSeconds(30));
    assertThat(read.exitCode()).isZero();
    assertThat(read.output()).isEqualTo("conf\ns3cret\nhello added\n");

    ComposeProject.Result oneOff =
        project.run(
            "app", List.of("sh", "-c", "echo once > /data/f; exit 3"), Duration.ofSeconds(30));
    assertThat(oneOff.exitCode()).isEqualTo(3);
    assertThat(project.exec(id, List.of("cat", "/data/f"), Duration.ofSeconds(30)).output())
        .isEqualTo("once\n");
    List<Container> left =
        a.client()
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(ComposeProject.PROJECT_LABEL, project.project()))
            .exec();
    assertThat(left).extracting(Container::getId).containsExactly(id);
  }
}
