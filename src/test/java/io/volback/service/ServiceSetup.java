package io.volback.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.volback.docker.DockerHost;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.EngineEvents;
import io.volback.testsupport.S3ProxyServer;
import io.volback.testsupport.ServeProcess;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.TestImages;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ServiceSetup is the compose-like world of the service's consistency tests on engine A and the
 * shared S3 server: a repository in a fresh bucket, volumes selected by a unique label, a writer
 * appending numbered records (each in two writes) labelled volback.stop=true, a reader sharing the
 * volume, the service's config, and the checks on snapshots and the run history.
 */
final class ServiceSetup {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RECORD = Pattern.compile("begin (\\d+) end (\\d+)");

  /** Finishes the record it is writing on SIGTERM, so a stopped writer leaves whole records. */
  static final String WRITER =
      "s=; trap 's=1' TERM; i=$(cat /data/count 2>/dev/null || echo 0); while [ -z \"$s\" ]; do"
          + " i=$((i+1)); echo -n \"begin $i \" >> /data/log; echo \"end $i\" >> /data/log;"
          + " echo $i > /data/count; sleep 0.005; done";

  final DockerHost a = DockerEngines.a();
  final Path tmp;
  final S3ProxyServer s3;
  final String bucket;
  final Path password;
  final Map<String, String> env;
  final String selectLabel = UUID.randomUUID().toString();

  ServiceSetup(Path tmp) throws Exception {
    this.tmp = tmp;
    s3 = S3ProxyServer.shared();
    bucket = "svccons-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(bucket);
    password = Cli.passwordFile(tmp, "pw");
    env =
        Map.of(
            "AWS_ACCESS_KEY_ID", s3.accessKey(),
            "AWS_SECRET_ACCESS_KEY", s3.secretKey(),
            "AWS_REGION", "us-east-1");
    Cli.Result init = volback("init");
    assertThat(init.exitCode()).as(init.err()).isZero();
  }

  /**
   * Runs volback in this JVM against the repository directly (not through any relay): the service
   * itself is the child process; a JVM start per restore would only cost time.
   */
  Cli.Result volback(String... args) {
    System.setProperty("aws.accessKeyId", s3.accessKey());
    System.setProperty("aws.secretAccessKey", s3.secretKey());
    System.setProperty("aws.region", "us-east-1");
    return new Cli("s3://" + bucket + "/svc", password)
        .with("--s3-endpoint", s3.endpoint().toString(), "--s3-path-style")
        .run(args);
  }

  /** A volume the policy selects. */
  String selectedVolume(String prefix) {
    return TestDocker.createVolume(a, prefix, Map.of(), Map.of("volback-test-policy", selectLabel));
  }

  Path mountpoint(String volume) {
    return Path.of("/var/lib/docker/volumes", volume, "_data");
  }

  /**
   * The service's config: one policy on engine A selecting the volumes by label every 2 s, the S3
   * endpoint as given (the S3 server or a relay to it), and extra lines (notifications, scheduler).
   */
  Path config(URI s3Endpoint, String... extra) throws Exception {
    return config("compose", s3Endpoint, extra);
  }

  /** The service's config with its one policy named policy. */
  Path config(String policy, URI s3Endpoint, String... extra) throws Exception {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "repository:",
                "  location: s3://" + bucket + "/svc",
                "  password-file: " + password,
                "  s3: {endpoint: \"" + s3Endpoint + "\", path-style: true}",
                "hosts:",
                "  - name: engine-a",
                "    address: " + DockerEngines.addressA(),
                "policies:",
                "  - name: " + policy,
                "    select:",
                "      volume-labels: {volback-test-policy: \"" + selectLabel + "\"}",
                "    schedule: \"*/2 * * * * ?\""));
    lines.addAll(Arrays.asList(extra));
    lines.add("");
    Path file = tmp.resolve("volback.yml");
    Files.writeString(file, String.join("\n", lines));
    return file;
  }

  ServeProcess serve(Path config) throws Exception {
    return ServeProcess.start(tmp.resolve("logs"), env, configArgs(config, tmp.resolve("state")));
  }

  /**
   * The zero-config service of repository repo on engine A, on a free loopback port, its state and
   * logs below tmp; options are more serve options.
   */
  static ServeProcess serveZeroConfig(
      Path tmp, Map<String, String> env, String repo, String... options) throws Exception {
    return ServeProcess.start(
        tmp.resolve("logs"), env, zeroConfigArgs(repo, tmp.resolve("state"), options));
  }

  /** The arguments of the service of config on a free loopback port, its state in stateDir. */
  static String[] configArgs(Path config, Path stateDir, String... options) {
    List<String> all = new ArrayList<>(List.of("--config", config.toString()));
    all.addAll(Arrays.asList(options));
    return serveArgs(List.of(), stateDir, all);
  }

  /**
   * The arguments of the zero-config service of repository repo on engine A, on a free loopback
   * port, its state in stateDir.
   */
  static String[] zeroConfigArgs(String repo, Path stateDir, String... options) {
    return serveArgs(
        List.of("-r", repo, "-H", DockerEngines.addressA()), stateDir, Arrays.asList(options));
  }

  private static String[] serveArgs(List<String> global, Path stateDir, List<String> options) {
    List<String> args = new ArrayList<>(global);
    args.add("serve");
    args.addAll(options);
    args.addAll(List.of("--listen", "127.0.0.1:0", "--state-dir", stateDir.toString()));
    return args.toArray(String[]::new);
  }

  String container(String volume, Map<String, String> labels, String script) throws Exception {
    String id =
        a.client()
            .createContainerCmd(TestImages.busybox(a))
            .withName(TestDocker.uniqueName("svccons"))
            .withCmd("sh", "-c", script)
            .withLabels(TestDocker.testLabels(labels))
            .withHostConfig(
                HostConfig.newHostConfig()
                    .withNetworkMode("none")
                    .withBinds(new Bind(volume, new Volume("/data"))))
            .exec()
            .getId();
    a.client().startContainerCmd(id).exec();
    return id;
  }

  /** The writer, once it has written a few records. */
  String writer(String volume) throws Exception {
    String id = container(volume, Map.of("volback.stop", "true"), WRITER);
    Path log = mountpoint(volume).resolve("log");
    await("the writer writes", Duration.ofSeconds(30), () -> log.toFile().length() > 100);
    return id;
  }

  String reader(String volume) throws Exception {
    return container(volume, Map.of(), "sleep 3600");
  }

  boolean running(String id) {
    return Boolean.TRUE.equals(a.client().inspectContainerCmd(id).exec().getState().getRunning());
  }

  String startedAt(String id) {
    return a.client().inspectContainerCmd(id).exec().getState().getStartedAt();
  }

  static void await(String what, Duration limit, BooleanSupplier condition) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waiting until " + what).isBefore(deadline);
      Thread.sleep(10);
    }
  }

  /** The service's run history, newest first as the API gives it. */
  static List<JsonNode> runs(ServeProcess serve) throws Exception {
    List<JsonNode> all = new ArrayList<>();
    JSON.readTree(serve.get("/api/v1/runs?limit=500").body()).forEach(all::add);
    return all;
  }

  /** Waits for the first run record that matches. */
  static JsonNode awaitRun(
      ServeProcess serve, String what, Duration limit, Predicate<JsonNode> matches)
      throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      for (JsonNode r : runs(serve)) {
        if (matches.test(r)) {
          return r;
        }
      }
      if (!serve.process().isAlive()) {
        throw new AssertionError("serve exited:\n" + serve.stderr());
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "no run " + what + " within " + limit + "; runs: " + runs(serve) + "\n" + serve.stderr());
  }

  /** The snapshot restored into a fresh directory. */
  Path restored(String snapshotId) throws Exception {
    Path target = tmp.resolve("restored-" + snapshotId.substring(0, 8));
    Cli.Result r = volback("restore", snapshotId, "--target", target.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return target;
  }

  static void assertWholeRecords(String log) {
    assertThat(log).endsWith("\n");
    String[] lines = log.split("\n");
    assertThat(lines.length).isGreaterThan(5);
    for (String line : lines) {
      Matcher m = RECORD.matcher(line);
      assertThat(m.matches()).as("a whole record: '" + line + "'").isTrue();
      assertThat(m.group(1)).isEqualTo(m.group(2));
    }
  }

  /** Starts recording the containers' stop and start events on engine A. */
  EngineEvents recordEvents(String... ids) throws InterruptedException {
    return EngineEvents.record(a, List.of("stop", "start"), ids);
  }

  void removeAll() {
    TestDocker.removeAll(a);
  }
}
