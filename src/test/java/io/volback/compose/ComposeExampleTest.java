package io.volback.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.volback.docker.DockerHost;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.TestImages;
import io.volback.testsupport.TestPostgresImage;
import io.volback.testsupport.VolbackImage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/compose brought up on engine A through the Docker API, as `docker compose run --rm
 * volback init` and `docker compose up -d` would: the database service writes rows, the volback
 * service backs its volume up on the volume's schedule label with the container's pg_dumpall hook,
 * and `volback restore` run in the volback container (as `docker compose exec` would) gives the
 * rows back in a new volume.
 *
 * <p>What this machine makes the test change, and nothing else (see {@link #adaptation}): a unique
 * project name (run-labelled volumes and containers, removed afterwards); host networking (the
 * engines have no bridge, so the published port is not used) with volback listening on a free
 * loopback port (server.listen of volback.yml, in a copy; VOLBACK_HEALTH_PORT tells the image's
 * health check, run every second); the schedule label fires every 5 s; the images are made here (no
 * registry): volback from the repository's Dockerfile, PostgreSQL 15 of TestPostgresImage for
 * postgres:16. That image has no entrypoint, so where postgres:16's entrypoint initialises $PGDATA
 * as root and starts the server, the test gives the volume's root to the image's postgres user
 * first and the command runs initdb and postgres itself, on the unix socket only (a TCP port on the
 * host network would meet the machine's own PostgreSQL).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ComposeExampleTest {
  private static final Path EXAMPLE = Path.of("examples/compose");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern LISTENING = Pattern.compile("listening on ([^,\\s]+)");
  private static final Duration LIMIT = Duration.ofSeconds(120);
  private static final int ROWS = 321;
  private static final String PGDATA_START =
      "test -s \"$PGDATA/PG_VERSION\" || initdb -D \"$PGDATA\" -U postgres --auth=trust -E UTF8"
          + " --locale=C >/dev/null; exec postgres -D \"$PGDATA\" -c listen_addresses=''";

  private final DockerHost a = DockerEngines.a();
  @TempDir Path tmp;
  private ComposeFile compose;
  private ComposeProject project;
  private String restored;

  @BeforeEach
  void readTheExample() throws IOException {
    compose = ComposeFile.read(EXAMPLE.resolve("compose.yaml"));
  }

  @AfterEach
  void cleanUp() {
    if (project != null) {
      project.removeContainers();
    }
    TestDocker.removeAll(a);
    if (restored != null) {
      try {
        a.client().removeVolumeCmd(restored).exec();
      } catch (NotFoundException gone) {
        // it carried the run label (restore copies the snapshot's labels) and went with the rest
      }
    }
  }

  @Test
  void theExampleBacksUpTheDatabaseOnItsLabelScheduleWithTheDumpHookAndRestoresIt()
      throws Exception {
    int port = freePort();
    project = new ComposeProject(a, compose, adaptation(port));
    project.createVolumes();
    giveTheVolumeToPostgres(project.volumeName("db-data"));

    // `docker compose run --rm volback init` while the database starts (both are slow here).
    CompletableFuture<ComposeProject.Result> init =
        CompletableFuture.supplyAsync(() -> oneOff("volback", "init"));
    String db = project.up("db");
    awaitSql(db, "select 1");
    sql(
        db,
        "create table orders (id int primary key, item text);"
            + " insert into orders select i, 'item ' || i from generate_series(1, "
            + ROWS
            + ") i;");
    ComposeProject.Result initialised = init.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(initialised.exitCode()).as(initialised.output()).isZero();

    String volback = project.up("volback");
    String base = awaitListening(volback, port);
    assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
    awaitHealthy(volback);

    String volume = project.volumeName("db-data");
    JsonNode run = awaitSucceededRun(base, volume, volback);
    assertThat(run.path("job").asText()).isEqualTo("volume/default/" + volume);
    assertThat(run.path("hook_output").asText())
        .contains("exec-pre")
        .contains(project.containerName("db"));
    assertThat(run.path("snapshot_id").asText()).hasSize(64);
    assertThat(get(base + "/readyz").statusCode()).isEqualTo(200);
    assertThat(get(base + "/api/v1/jobs").body()).contains("volume/default/" + volume);
    assertThat(get(base + "/metrics").body())
        .contains("volback_backup_success_total{")
        .contains("volume=\"" + volume + "\"");

    // The commands of docs/install.md, as `docker compose exec volback volback ...` runs them.
    ComposeProject.Result ls = volbackCli(volback, "ls", "latest", "--volume", volume);
    assertThat(ls.exitCode()).as(ls.output()).isZero();
    assertThat(ls.output()).contains("/volback-dump.sql").contains("/pgdata/PG_VERSION");

    restored = volume + "-restored";
    ComposeProject.Result restore =
        volbackCli(volback, "restore", "latest", "--volume", volume, "--to", restored);
    assertThat(restore.exitCode()).as(restore.output()).isZero();
    assertThat(a.client().inspectVolumeCmd(restored).exec().getLabels())
        .as("a restored volume carries the snapshot's labels, as docs/install.md warns")
        .containsKey("volback.schedule");

    String counted =
        postgresOn(
            restored,
            "grep -q '^COPY public.orders' /var/lib/postgresql/data/volback-dump.sql"
                + " && rm -f $PGDATA/postmaster.pid"
                + " && pg_ctl -D $PGDATA -w -t 60 -o \"-c listen_addresses=''\" -l /tmp/pg.log start"
                + " >/dev/null && psql -U postgres -Atc 'select count(*) from orders'");
    assertThat(counted.trim()).isEqualTo(String.valueOf(ROWS));
  }

  private ComposeProject.Result oneOff(String service, String... command) {
    try {
      return project.run(service, List.of(command), LIMIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What this machine makes the test change: see the class comment. */
  private Adaptation adaptation(int port) throws IOException {
    Path password = Files.writeString(tmp.resolve("volback-password"), "compose example pw\n");
    Path dbPassword = Files.writeString(tmp.resolve("db-password"), "db pw\n");
    String root = a.client().infoCmd().exec().getDockerRootDir();
    return new Adaptation()
        .project(TestDocker.uniqueName("compose"))
        .labels(TestDocker.testLabels())
        .networkMode("host")
        .image("volback", VolbackImage.on(a))
        .environment("volback", "VOLBACK_HEALTH_PORT", String.valueOf(port))
        .healthInterval("volback", Duration.ofSeconds(1))
        .image("db", TestPostgresImage.on(a))
        .command("db", List.of("sh", "-c", PGDATA_START))
        .volumeLabel("db-data", "volback.schedule", "*/5 * * * * ?")
        .secretFile("volback-password", password)
        .secretFile("db-password", dbPassword)
        .bindSource("/var/run/docker.sock", socketOf(a))
        .bindSource("/var/lib/docker/volumes", Path.of(root, "volumes"))
        .bindSource("./volback.yml", configListeningOn(port));
  }

  /** The example's volback.yml with server.listen on a free loopback port. */
  private Path configListeningOn(int port) throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    ObjectNode config = (ObjectNode) yaml.readTree(EXAMPLE.resolve("volback.yml").toFile());
    assertThat(config.path("server").path("listen").asText()).isEqualTo("0.0.0.0:8080");
    ((ObjectNode) config.path("server")).put("listen", "127.0.0.1:" + port);
    Path file = tmp.resolve("volback.yml");
    yaml.writeValue(file.toFile(), config);
    return file;
  }

  private static Path socketOf(DockerHost host) {
    String address = host.address();
    assertThat(address).startsWith("unix://");
    return Path.of(address.substring("unix://".length()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Gives the empty volume's root to the image's postgres user (postgres:16's entrypoint does). */
  private void giveTheVolumeToPostgres(String volume) throws Exception {
    String owner = TestPostgresImage.UID + ":" + TestPostgresImage.UID;
    String output =
        runContainer(
            TestImages.busybox(a),
            volume,
            "/data",
            "chown " + owner + " /data && chmod 700 /data",
            false);
    assertThat(output).isEmpty();
  }

  /** Starts PostgreSQL of the test image on the volume and returns what the command printed. */
  private String postgresOn(String volume, String command) throws Exception {
    return runContainer(TestPostgresImage.on(a), volume, "/var/lib/postgresql/data", command, true);
  }

  /** A run-labelled container with the volume at mount and no network; fails unless it exits 0. */
  private String runContainer(String image, String volume, String mount, String command, boolean pg)
      throws Exception {
    var create =
        a.client()
            .createContainerCmd(image)
            .withName(TestDocker.uniqueName("compose-check"))
            .withCmd("sh", "-c", command)
            .withLabels(TestDocker.testLabels())
            .withHostConfig(
                HostConfig.newHostConfig()
                    .withNetworkMode("none")
                    .withBinds(new Bind(volume, new Volume(mount))));
    if (pg) {
      create.withEnv("PGDATA=/var/lib/postgresql/data/pgdata");
    }
    String id = create.exec().getId();
    a.client().startContainerCmd(id).exec();
    Instant deadline = Instant.now().plus(LIMIT);
    while (Boolean.TRUE.equals(a.client().inspectContainerCmd(id).exec().getState().getRunning())
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
    }
    var state = a.client().inspectContainerCmd(id).exec().getState();
    String output = project.logs(id);
    assertThat(state.getRunning()).as("still running: " + output).isFalse();
    assertThat(state.getExitCodeLong()).as(output).isZero();
    return output;
  }

  private void awaitSql(String db, String statement) throws InterruptedException {
    Instant deadline = Instant.now().plus(LIMIT);
    ComposeProject.Result last = null;
    while (Instant.now().isBefore(deadline)) {
      last = psql(db, statement);
      if (last.exitCode() == 0) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "PostgreSQL did not answer within " + LIMIT + ": " + last + "\n" + project.logs(db));
  }

  private void sql(String db, String statements) throws InterruptedException {
    ComposeProject.Result result = psql(db, statements);
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  private ComposeProject.Result psql(String db, String statements) throws InterruptedException {
    return project.exec(
        db,
        List.of("psql", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-c", statements),
        Duration.ofSeconds(30));
  }

  /** `docker compose exec volback volback ARGS...` */
  private ComposeProject.Result volbackCli(String volback, String... args)
      throws InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("volback"));
    command.addAll(List.of(args));
    return project.exec(volback, command, LIMIT);
  }

  /** The service's base URL, once its log says it listens (the port volback.yml now names). */
  private String awaitListening(String volback, int port) throws Exception {
    Instant deadline = Instant.now().plus(LIMIT);
    while (Instant.now().isBefore(deadline)) {
      String logs = project.logs(volback);
      Matcher m = LISTENING.matcher(logs);
      if (m.find()) {
        assertThat(m.group(1)).isEqualTo("127.0.0.1:" + port);
        return "http://" + m.group(1);
      }
      if (!Boolean.TRUE.equals(
          a.client().inspectContainerCmd(volback).exec().getState().getRunning())) {
        throw new AssertionError("the volback service exited:\n" + logs);
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "volback did not listen within " + LIMIT + ":\n" + project.logs(volback));
  }

  /** The image's HEALTHCHECK, as `docker compose ps` shows it. */
  private void awaitHealthy(String volback) throws Exception {
    Instant deadline = Instant.now().plus(LIMIT);
    String status = null;
    while (Instant.now().isBefore(deadline)) {
      status = a.client().inspectContainerCmd(volback).exec().getState().getHealth().getStatus();
      if ("healthy".equals(status)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the volback container is " + status + " after " + LIMIT);
  }

  private JsonNode awaitSucceededRun(String base, String volume, String volback) throws Exception {
    Instant deadline = Instant.now().plus(LIMIT);
    while (Instant.now().isBefore(deadline)) {
      for (JsonNode run : JSON.readTree(get(base + "/api/v1/runs?limit=50").body())) {
        if (run.path("volume").asText().equals(volume)
            && run.path("outcome").asText().equals("succeeded")) {
          return run;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "no succeeded run of " + volume + " within " + LIMIT + ":\n" + project.logs(volback));
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
