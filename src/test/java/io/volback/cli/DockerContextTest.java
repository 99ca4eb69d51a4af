package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.docker.DockerHost;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.Processes;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.VolbackProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DockerContextTest gives a child volback a HOME whose ~/.docker holds a context for engine B (as
 * `docker context create engine-b --docker host=unix:///var/run/docker2.sock` writes it) and checks
 * that volback talks to the engine the docker CLI would.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DockerContextTest {
  private final DockerHost a = DockerEngines.a();
  private final DockerHost b = DockerEngines.b();
  @TempDir Path home;
  private String onA;
  private String onB;

  @BeforeEach
  void volumesOnBothEngines() throws Exception {
    onA = TestDocker.createVolume(a, "ctx-a");
    onB = TestDocker.createVolume(b, "ctx-b");
    TestDockerConfig.context(home.resolve(".docker"), "engine-b", DockerEngines.addressB());
  }

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
    TestDocker.removeAll(b);
  }

  @Test
  void currentContextOfDockerConfigChoosesTheEngine() throws Exception {
    TestDockerConfig.use(home.resolve(".docker"), "engine-b");

    Cli.Result volumes = run(Map.of("HOME", home.toString()), "volumes");

    ok(volumes);
    assertThat(volumes.out()).contains(onB).doesNotContain(onA);
  }

  @Test
  void dockerContextVariableAndDockerConfigFolderChooseTheEngine() throws Exception {
    Map<String, String> env =
        Map.of("DOCKER_CONFIG", home.resolve(".docker").toString(), "DOCKER_CONTEXT", "engine-b");

    Cli.Result volumes = run(env, "volumes");

    ok(volumes);
    assertThat(volumes.out()).contains(onB).doesNotContain(onA);
  }

  @Test
  void contextOptionChoosesTheEngine() throws Exception {
    Cli.Result volumes = run(Map.of("HOME", home.toString()), "--context", "engine-b", "volumes");

    ok(volumes);
    assertThat(volumes.out()).contains(onB).doesNotContain(onA);
  }

  @Test
  void dockerHostWinsOverTheCurrentContext() throws Exception {
    TestDockerConfig.use(home.resolve(".docker"), "engine-b");

    Cli.Result volumes =
        run(Map.of("HOME", home.toString(), "DOCKER_HOST", DockerEngines.addressA()), "volumes");

    ok(volumes);
    assertThat(volumes.out()).contains(onA).doesNotContain(onB);
  }

  @Test
  void unknownContextIsAUsageErrorNamingIt() throws Exception {
    Cli.Result volumes = run(Map.of("HOME", home.toString()), "--context", "nope", "volumes");

    assertThat(volumes.exitCode()).as(volumes.toString()).isEqualTo(2);
    assertThat(volumes.err()).contains("Docker context 'nope'").doesNotContain("\tat ");
  }

  @Test
  void hostAndContextTogetherAreAUsageError() throws Exception {
    Cli.Result volumes =
        run(
            Map.of("HOME", home.toString()),
            "-H",
            DockerEngines.addressA(),
            "--context",
            "engine-b",
            "volumes");

    assertThat(volumes.exitCode()).as(volumes.toString()).isEqualTo(2);
    assertThat(volumes.err()).contains("-H/--host", "--context");
  }

  @Test
  void sshHostIsAUsageErrorSuggestingASocketForward() throws Exception {
    TestDockerConfig.context(home.resolve(".docker"), "over-ssh", "ssh://admin@server.example");

    for (String[] args :
        List.of(
            new String[] {"--context", "over-ssh", "volumes"},
            new String[] {"-H", "ssh://admin@server.example", "volumes"})) {
      Cli.Result volumes = run(Map.of("HOME", home.toString()), args);
      assertThat(volumes.exitCode()).as(volumes.toString()).isEqualTo(2);
      assertThat(volumes.err()).contains("ssh://admin@server.example", "ssh -nNT -L");
    }
  }

  /** Runs volback with a Docker environment of env only (none of the test JVM's DOCKER_*). */
  static Cli.Result run(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder pb = VolbackProcess.builder(Map.of(), args);
    pb.environment().keySet().removeIf(k -> k.startsWith("DOCKER_"));
    pb.environment().putAll(new HashMap<>(env));
    File out = File.createTempFile("volback-out", ".txt");
    File err = File.createTempFile("volback-err", ".txt");
    try {
      Process p = pb.redirectOutput(out).redirectError(err).start();
      p.getOutputStream().close();
      int code = Processes.awaitOrKill(p, VolbackProcess.LIMIT, "volback " + List.of(args));
      return new Cli.Result(code, Files.readString(out.toPath()), Files.readString(err.toPath()));
    } finally {
      out.delete();
      err.delete();
    }
  }

  private static void ok(Cli.Result result) {
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }
}
