package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.docker.DockerHost;
import io.volback.docker.HelperImage;
import io.volback.docker.VolumeDiscovery;
import io.volback.docker.VolumeInfo;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.JsonLines;
import io.volback.testsupport.S3ProxyServer;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.TestTrees;
import io.volback.testsupport.TestTrees.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** volumes, backup and restore as users run them, against two real Docker engines and S3. */
class DockerVolumesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static S3ProxyServer s3;

  private final DockerHost a = DockerEngines.a();
  private final DockerHost b = DockerEngines.b();
  @TempDir Path tmp;
  Cli repoOnly;
  Cli onA;
  Cli onB;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3ProxyServer.shared();
    System.setProperty("aws.accessKeyId", s3.accessKey());
    System.setProperty("aws.secretAccessKey", s3.secretKey());
  }

  @AfterAll
  static void clearCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @BeforeEach
  void s3Repository() throws Exception {
    String bucket = "docker-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(bucket);
    Cli base =
        new Cli("s3://" + bucket + "/volback", Cli.passwordFile(tmp, "pw"))
            .with("--s3-endpoint", s3.endpoint().toString(), "--s3-path-style");
    repoOnly = base;
    onA = base.with("-H", a.address());
    onB = base.with("-H", b.address());
    assertThat(onA.run("init").exitCode()).isZero();
  }

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
    TestDocker.removeAll(b);
  }

  private Path mountpoint(DockerHost host, String volume) throws Exception {
    return Path.of(VolumeDiscovery.get(host, volume).mountpoint());
  }

  private String populatedVolume(String prefix, Map<String, String> labels, long seed)
      throws Exception {
    String volume = TestDocker.createVolume(a, prefix, Map.of(), labels);
    TestTrees.populate(mountpoint(a, volume), seed);
    return volume;
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  private static String snapshotId(Cli.Result backupJson) throws Exception {
    assertThat(JsonLines.ofType(backupJson.err(), "error")).as(backupJson.toString()).isEmpty();
    return JsonLines.summary(backupJson.out()).get("snapshot_id").asText();
  }

  @Test
  void volumesListsASharedVolumeWithItsRunningAndStoppedConsumers() throws Exception {
    String volume = TestDocker.createVolume(a, "shared", Map.of(), Map.of("team", "shop"));
    TestDocker.runSleeper(a, volume, "/srv/data", false);
    TestDocker.createContainer(a, volume, "/backup", true, Map.of());

    JsonNode volumes =
        JSON.readTree(ok(onA.run("--json", "volumes", "--shared", "--label", "team=shop")).out());
    JsonNode found = null;
    for (JsonNode v : volumes) {
      if (v.get("name").asText().equals(volume)) {
        found = v;
      }
    }
    assertThat(found).as(volumes.toPrettyString()).isNotNull();
    assertThat(found.get("consumers")).hasSize(2);
    List<String> described = new ArrayList<>();
    found
        .get("consumers")
        .forEach(
            c ->
                described.add(
                    c.get("mount_path").asText()
                        + " running="
                        + c.get("running").asBoolean()
                        + " ro="
                        + c.get("read_only").asBoolean()));
    assertThat(described)
        .containsExactlyInAnyOrder(
            "/srv/data running=true ro=false", "/backup running=false ro=true");

    String table =
        ok(onA.run("volumes", "--label", TestDocker.RUN_LABEL + "=" + TestDocker.RUN_ID)).out();
    assertThat(table).containsPattern(volume + "\\s+local\\s+yes");
  }

  @Test
  void volumeBacksUpToS3AndRestoresOnAnotherHostWithEveryByteAttributeAndLabel() throws Exception {
    String volume = populatedVolume("roundtrip", Map.of("app", "shop", "tier", "db"), 21);
    String id =
        snapshotId(ok(onA.run("--json", "backup", volume, "--read-path", "api", "--tag", "x")));

    removeHelperImage(b);
    ok(onB.run("restore", id));
    VolumeInfo restored = VolumeDiscovery.get(b, volume);
    assertThat(restored.labels()).containsEntry("app", "shop").containsEntry("tier", "db");
    assertThat(
            TestTrees.describe(
                mountpoint(b, volume), Option.WHOLE_SECOND_MTIMES, Option.IGNORE_XATTRS))
        .isEqualTo(
            TestTrees.describe(
                mountpoint(a, volume), Option.WHOLE_SECOND_MTIMES, Option.IGNORE_XATTRS));

    String renamed = TestDocker.uniqueName("renamed");
    ok(onB.run("restore", "latest", "--volume", volume, "--to", renamed, "--write-path", "api"));
    assertThat(VolumeDiscovery.get(b, renamed).labels()).containsEntry("app", "shop");
    assertThat(
            TestTrees.describe(
                mountpoint(b, renamed), Option.WHOLE_SECOND_MTIMES, Option.IGNORE_XATTRS))
        .isEqualTo(
            TestTrees.describe(
                mountpoint(a, volume), Option.WHOLE_SECOND_MTIMES, Option.IGNORE_XATTRS));
    assertThat(TestDocker.helpersOf(b, renamed)).isEmpty();
    assertThat(TestDocker.helpersOf(a, volume)).isEmpty();
  }

  @Test
  void emptyVolumeBacksUpAndRestoresOnAnotherHost() throws Exception {
    String volume = TestDocker.createVolume(a, "empty");
    String id = snapshotId(ok(onA.run("--json", "backup", volume, "--read-path", "api")));

    ok(onB.run("restore", id));
    try (var entries = Files.list(mountpoint(b, volume))) {
      assertThat(entries).isEmpty();
    }
    assertThat(
            TestTrees.describe(
                mountpoint(b, volume), Option.WHOLE_SECOND_MTIMES, Option.IGNORE_XATTRS))
        .isEqualTo(
            TestTrees.describe(
                mountpoint(a, volume), Option.WHOLE_SECOND_MTIMES, Option.IGNORE_XATTRS));
  }

  @Test
  void driverOptionsAreRecreatedAndCanBeOverriddenOnTheNewHost() throws Exception {
    Path sourceDir = Files.createDirectory(tmp.resolve("bind-source"));
    Path targetDir = Files.createDirectory(tmp.resolve("bind-target"));
    TestTrees.populate(sourceDir, 5);
    String volume =
        TestDocker.createVolume(
            a,
            "bind",
            Map.of("type", "none", "o", "bind", "device", sourceDir.toString()),
            Map.of("kind", "bind"));
    String id = snapshotId(ok(onA.run("--json", "backup", volume)));

    String renamed = TestDocker.uniqueName("bind-copy");
    ok(onB.run("restore", id, "--to", renamed, "--driver-opt", "device=" + targetDir));
    VolumeInfo restored = VolumeDiscovery.get(b, renamed);
    assertThat(restored.driverOptions())
        .containsEntry("type", "none")
        .containsEntry("o", "bind")
        .containsEntry("device", targetDir.toString());
    assertThat(restored.labels()).containsEntry("kind", "bind");
    assertThat(TestTrees.describe(targetDir, Option.WHOLE_SECOND_MTIMES, Option.IGNORE_XATTRS))
        .isEqualTo(TestTrees.describe(sourceDir, Option.WHOLE_SECOND_MTIMES, Option.IGNORE_XATTRS));
  }

  @Test
  void apiPathAndMountpointPathGiveTheSameTreeAndUnchangedFilesAreNotReadAgain() throws Exception {
    String volume = populatedVolume("paths", Map.of(), 8);
    String api = snapshotId(ok(onA.run("--json", "backup", volume, "--read-path", "api")));
    JsonNode first =
        JsonLines.summary(
            ok(onA.run("--json", "backup", volume, "--read-path", "mountpoint")).out());
    String direct = first.get("snapshot_id").asText();
    assertThat(first.get("read_path").asText()).isEqualTo("mountpoint");

    assertThat(comparableListing(onA, direct)).isEqualTo(comparableListing(onA, api));

    JsonNode second = JsonLines.summary(ok(onA.run("--json", "backup", volume)).out());
    JsonNode stats = second;
    assertThat(stats.get("total_files_processed").asLong()).isGreaterThan(50);
    assertThat(stats.get("files_unmodified").asLong())
        .isEqualTo(stats.get("total_files_processed").asLong());
    assertThat(stats.get("data_added").asLong()).isZero();
  }

  /** ls --json lines with what both paths know: mtimes in whole seconds, no file identity. */
  private static List<String> comparableListing(Cli cli, String snapshot) throws Exception {
    List<String> lines = new ArrayList<>();
    for (JsonNode e : JsonLines.ofType(ok(cli.run("--json", "ls", snapshot)).out(), "node")) {
      String mtime = e.get("mtime").asText();
      lines.add(
          e.get("path").asText()
              + " "
              + e.get("type").asText()
              + " "
              + e.get("mode").asInt()
              + " "
              + e.get("uid").asInt()
              + ":"
              + e.get("gid").asInt()
              + " "
              + e.path("size").asLong()
              + " "
              + java.time.Instant.parse(mtime).getEpochSecond()
              + " "
              + e.path("link_target").asText());
    }
    lines.sort(String::compareTo);
    return lines;
  }

  @Test
  void restoreRefusesANonEmptyOrUsedTargetWithoutOverwrite() throws Exception {
    String volume = populatedVolume("src", Map.of(), 3);
    String id = snapshotId(ok(onA.run("--json", "backup", volume)));
    String target = TestDocker.createVolume(a, "target");
    Files.writeString(mountpoint(a, target).resolve("keep.txt"), "precious");

    Cli.Result refused = onA.run("restore", id, "--to", target);
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err())
        .contains("volume " + target)
        .contains("not empty")
        .contains("--overwrite");
    assertThat(mountpoint(a, target).resolve("keep.txt")).hasContent("precious");
    assertThat(Files.list(mountpoint(a, target)).count()).isEqualTo(1);

    String used = TestDocker.createVolume(a, "used");
    TestDocker.runSleeper(a, used, "/data", false);
    Cli.Result inUse = onA.run("restore", id, "--to", used);
    assertThat(inUse.exitCode()).isEqualTo(1);
    assertThat(inUse.err()).contains("is used by").contains("(running)");

    ok(onA.run("restore", id, "--to", target, "--overwrite"));
    assertThat(mountpoint(a, target).resolve("keep.txt")).hasContent("precious");
    assertThat(
            TestTrees.describe(mountpoint(a, target), Option.IGNORE_ROOT).stream()
                .filter(l -> !l.contains("keep.txt"))
                .toList())
        .isEqualTo(TestTrees.describe(mountpoint(a, volume), Option.IGNORE_ROOT));
  }

  @Test
  void unknownVolumeFailsAloneAndUnreachableHostIsNamed() throws Exception {
    String good = populatedVolume("good", Map.of(), 4);
    Cli.Result partly = onA.run("backup", good, "no-such-volume-xyz");
    assertThat(partly.exitCode()).as(partly.toString()).isEqualTo(3);
    assertThat(partly.err()).contains("no volume named no-such-volume-xyz");
    assertThat(partly.out()).contains("volume " + good + ": snapshot");

    Cli.Result none = onA.run("backup", "no-such-volume-xyz");
    assertThat(none.exitCode()).isEqualTo(1);

    Cli.Result unreachable =
        repoOnly.with("-H", "unix:///var/run/volback-nope.sock").run("volumes");
    assertThat(unreachable.exitCode()).isEqualTo(1);
    assertThat(unreachable.err().strip().lines()).hasSize(1);
    assertThat(unreachable.err())
        .contains("cannot reach Docker host unix:///var/run/volback-nope.sock");

    Cli.Result usage = onA.run("backup");
    assertThat(usage.exitCode()).isEqualTo(2);
  }

  /**
   * Engine A is shared with other tests: --label with a label only this test's volumes carry keeps
   * backup --all on them, so it must succeed and take exactly them.
   */
  @Test
  void backupAllWithLabelTakesExactlyTheLabelledVolumes() throws Exception {
    String mark = "case-" + UUID.randomUUID().toString().substring(0, 8);
    String one = populatedVolume("all1", Map.of("io.volback.test.case", mark), 1);
    String two = populatedVolume("all2", Map.of("io.volback.test.case", mark), 2);
    populatedVolume("unlabelled", Map.of(), 3);

    Cli.Result all =
        ok(onA.run("--json", "backup", "--all", "--label", "io.volback.test.case=" + mark));

    assertThat(backedUp(all)).containsExactlyInAnyOrder(one, two);
  }

  @Test
  void backupAllWithExcludeVolumeLeavesOutMatchingNames() throws Exception {
    String mark = "case-" + UUID.randomUUID().toString().substring(0, 8);
    String kept = populatedVolume("keep", Map.of("io.volback.test.case", mark), 1);
    populatedVolume("cache", Map.of("io.volback.test.case", mark), 2);
    String scratch = populatedVolume("scratch", Map.of("io.volback.test.case", mark), 3);

    Cli.Result all =
        ok(
            onA.run(
                "--json",
                "backup",
                "--all",
                "--label",
                "io.volback.test.case",
                "--label",
                "io.volback.test.case=" + mark,
                "--exclude-volume",
                "volback-test-cache-*",
                "--exclude-volume",
                scratch));

    assertThat(backedUp(all)).containsExactly(kept);
  }

  @Test
  void labelWithoutAllIsAUsageError() {
    Cli.Result r = onA.run("backup", "some-volume", "--label", "a=b");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--label and --exclude-volume narrow --all");
  }

  /** The volumes a backup --json run backed up, each without error. */
  private static List<String> backedUp(Cli.Result backupJson) throws Exception {
    assertThat(JsonLines.ofType(backupJson.err(), "error")).as(backupJson.toString()).isEmpty();
    List<String> names = new ArrayList<>();
    for (JsonNode r : JsonLines.ofType(backupJson.out(), "summary")) {
      names.add(r.get("volume").asText());
    }
    return names;
  }

  @Test
  void quietVolumesPrintsOnlyNamesOneALine() throws Exception {
    String mark = "case-" + UUID.randomUUID().toString().substring(0, 8);
    String one = TestDocker.createVolume(a, "q1", Map.of(), Map.of("io.volback.test.case", mark));
    String two = TestDocker.createVolume(a, "q2", Map.of(), Map.of("io.volback.test.case", mark));

    Cli.Result r =
        io.volback.testsupport.VolbackProcess.run(
            Map.of(),
            "-H",
            a.address(),
            "-q",
            "volumes",
            "--label",
            "io.volback.test.case=" + mark);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().lines().toList()).as(r.toString()).containsExactlyInAnyOrder(one, two);
    assertThat(r.err()).isEmpty();
  }

  private static void removeHelperImage(DockerHost host) {
    // Other tests' helpers on this engine are theirs to remove: a forced removal untags the image
    // unless one of them is running, and then the restore simply finds the image present.
    try {
      host.client().removeImageCmd(HelperImage.NAME).withForce(true).exec();
    } catch (com.github.dockerjava.api.exception.NotFoundException absent) {
      // already gone
    } catch (com.github.dockerjava.api.exception.ConflictException inUse) {
      // a running helper of another test still uses it
    }
  }
}
