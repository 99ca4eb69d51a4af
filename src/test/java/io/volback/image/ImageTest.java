package io.volback.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.volback.docker.DockerHost;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.VolbackImage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * volback's image, built from the clone's Dockerfile and jar on the locally made base, run on
 * engine A as a user would run it: host networking (the engines have no bridge), the Docker socket
 * and the volumes directory mounted, the configuration and password bind-mounted, and a local
 * folder repository. A scheduled backup happens, /healthz answers and Docker reports the container
 * healthy through the image's HEALTHCHECK.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES) // a cold build of the image included
class ImageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final String VOLUMES = "/var/lib/docker/volumes";

  @TempDir Path tmp;
  private final DockerHost a = DockerEngines.a();
  private final List<String> containers = new ArrayList<>();
  private final List<String> volumes = new ArrayList<>();

  @AfterEach
  void removeContainersAndVolumes() {
    for (String id : containers) {
      try {
        a.client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
      } catch (RuntimeException e) {
        // already gone
      }
    }
    for (String volume : volumes) {
      try {
        a.client().removeVolumeCmd(volume).exec();
      } catch (RuntimeException e) {
        // already gone
      }
    }
  }

  @Test
  void theImageRunsAScheduledBackupAnswersHealthzAndBecomesHealthy() throws Exception {
    String image = VolbackImage.on(a);
    InspectImageResponse inspected = a.client().inspectImageCmd(image).exec();
    assertThat(inspected.getConfig().getLabels())
        .containsEntry("org.opencontainers.image.title", "volback")
        .containsKey("org.opencontainers.image.version")
        .containsKey("org.opencontainers.image.revision");
    assertThat(inspected.getConfig().getCmd())
        .containsExactly("serve", "--config", "/etc/volback/volback.yml");

    String volume = TestDocker.createVolume(a, "image");
    volumes.add(volume);
    Files.writeString(Path.of(VOLUMES, volume, "_data", "data.txt"), "backed up by the image\n");
    Path etc = Files.createDirectories(tmp.resolve("etc"));
    Path repo = Files.createDirectories(tmp.resolve("repo")).resolve("volback");
    Path password = Cli.passwordFile(etc, "image-pw");
    Cli cli = new Cli(repo.toString(), password);
    Cli.Result init = cli.run("init");
    assertThat(init.exitCode()).as(init.err()).isZero();
    int port = freePort();
    Files.writeString(
        etc.resolve("volback.yml"),
        String.join(
            "\n",
            "repository:",
            "  location: /repo/volback",
            "  password-file: /etc/volback/" + password.getFileName(),
            "hosts:",
            "  - name: engine-a",
            "    address: unix:///var/run/docker.sock",
            "policies:",
            "  - name: imaged",
            "    select:",
            "      names: [\"" + volume + "\"]",
            "    schedule: \"*/2 * * * * ?\"",
            "server:",
            "  listen: 127.0.0.1:" + port,
            ""));

    String name = TestDocker.uniqueName("image");
    String id =
        a.client()
            .createContainerCmd(image)
            .withName(name)
            .withLabels(TestDocker.testLabels())
            // With host networking the container has the machine's host name, and volback would
            // take the helper containers of the volback processes outside it (other tests' probes)
            // for leftovers of dead processes of its own (their pids are not in its namespace).
            .withEnv("VOLBACK_HEALTH_PORT=" + port, "HOSTNAME=" + name)
            .withHealthcheck(
                new HealthCheck()
                    .withInterval(TimeUnit.SECONDS.toNanos(1))
                    .withTimeout(TimeUnit.SECONDS.toNanos(2))
                    .withStartPeriod(TimeUnit.SECONDS.toNanos(60))
                    .withRetries(3))
            .withHostConfig(
                HostConfig.newHostConfig()
                    .withNetworkMode("host")
                    .withBinds(
                        new Bind("/var/run/docker.sock", new Volume("/var/run/docker.sock")),
                        new Bind(VOLUMES, new Volume(VOLUMES)),
                        new Bind(etc.toString(), new Volume("/etc/volback")),
                        new Bind(repo.getParent().toString(), new Volume("/repo"))))
            .exec()
            .getId();
    containers.add(id);
    long started = System.nanoTime();
    a.client().startContainerCmd(id).exec();

    String base = "http://127.0.0.1:" + port;
    JsonNode run =
        await(
            "a succeeded scheduled backup of " + volume,
            id,
            Duration.ofSeconds(60),
            () -> succeededBackup(base, volume));
    assertThat(run.path("job").asText()).isEqualTo("backup/imaged/engine-a");
    HttpResponse<String> health = get(base + "/healthz");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"ok\"");
    await(
        "Docker's health status healthy",
        id,
        Duration.ofSeconds(30),
        () -> "healthy".equals(healthStatus(id)) ? true : null);
    System.out.printf(
        "ImageTest: backup and healthy %.1f s after the start%n",
        (System.nanoTime() - started) / 1e9);

    a.client().stopContainerCmd(id).withTimeout(30).exec();
    Cli.Result snapshots = cli.run("--json", "snapshots");
    assertThat(snapshots.exitCode()).as(snapshots.err()).isZero();
    assertThat(JSON.readTree(snapshots.out()).findValuesAsText("name")).contains(volume);
    assertThat(a.client().inspectContainerCmd(id).exec().getState().getExitCodeLong())
        .as("volback serve's exit code after docker stop (SIGTERM)")
        .isZero();
  }

  private static JsonNode succeededBackup(String base, String volume) {
    try {
      HttpResponse<String> runs = get(base + "/api/v1/runs?limit=50");
      if (runs.statusCode() != 200) {
        return null;
      }
      for (JsonNode run : JSON.readTree(runs.body())) {
        if (volume.equals(run.path("volume").asText())
            && "succeeded".equals(run.path("outcome").asText())) {
          return run;
        }
      }
      return null;
    } catch (IOException e) {
      return null; // not listening yet
    }
  }

  private String healthStatus(String id) {
    InspectContainerResponse.ContainerState state =
        a.client().inspectContainerCmd(id).exec().getState();
    return state.getHealth() == null ? null : state.getHealth().getStatus();
  }

  private <T> T await(String what, String container, Duration limit, Supplier<T> probe)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      Boolean running = a.client().inspectContainerCmd(container).exec().getState().getRunning();
      if (!Boolean.TRUE.equals(running)) {
        throw new AssertionError("the container stopped before " + what + ":\n" + logs(container));
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no " + what + " within " + limit + ":\n" + logs(container));
  }

  private String logs(String container) {
    StringBuilder text = new StringBuilder();
    try {
      a.client()
          .logContainerCmd(container)
          .withStdOut(true)
          .withStdErr(true)
          .withTail(60)
          .exec(
              new com.github.dockerjava.api.async.ResultCallback.Adapter<
                  com.github.dockerjava.api.model.Frame>() {
                @Override
                public void onNext(com.github.dockerjava.api.model.Frame frame) {
                  text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
              })
          .awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return text.toString();
  }

  private static HttpResponse<String> get(String url) throws IOException {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
