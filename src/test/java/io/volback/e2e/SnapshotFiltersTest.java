package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.docker.DockerHost;
import io.volback.docker.VolumeDiscovery;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * restic's snapshot filters (--hostname, --tag, --volume, --docker-host) through the real entry
 * point, the machine name a backup records, and -H meaning the Docker host only.
 */
class SnapshotFiltersTest {
  private final DockerHost a = DockerEngines.a();
  private final DockerHost b = DockerEngines.b();
  @TempDir Path tmp;
  Path passwordFile;
  Cli cli;

  @BeforeEach
  void repository() throws Exception {
    passwordFile = Cli.passwordFile(tmp, "pw");
    cli = new Cli(tmp.resolve("repo").toString(), passwordFile);
    assertThat(cli.run("init").exitCode()).isZero();
  }

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
    TestDocker.removeAll(b);
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  private Path folder(String name, String content) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve("file"), content);
    return dir;
  }

  @Test
  void snapshotsAreSelectedByHostnameTagAndVolume() throws Exception {
    Path www = folder("www", "one");
    ok(cli.run("backup", "--path", www.toString(), "--name", "www", "--hostname", "vm1"));
    ok(cli.run("backup", "--path", www.toString(), "--name", "www", "--hostname", "vm2"));
    ok(
        cli.run(
            "backup",
            "--path",
            www.toString(),
            "--name",
            "www",
            "--hostname",
            "vm1",
            "--tag",
            "weekly",
            "--tag",
            "db"));

    Cli.Result vm1 = ok(cli.run("snapshots", "--hostname", "vm1"));
    assertThat(vm1.out()).contains("2 snapshots").doesNotContain("vm2");
    assertThat(ok(cli.run("snapshots", "--hostname", "vm1", "--hostname", "vm2")).out())
        .contains("3 snapshots");
    assertThat(ok(cli.run("snapshots", "--tag", "weekly,db")).out()).contains("1 snapshot");
    assertThat(ok(cli.run("snapshots", "--tag", "weekly,nightly")).out()).contains("0 snapshots");
    assertThat(ok(cli.run("snapshots", "--volume", "nope")).out()).contains("0 snapshots");

    Files.writeString(www.resolve("file"), "two, on vm2");
    ok(cli.run("backup", "--path", www.toString(), "--name", "www", "--hostname", "vm2"));
    Cli.Result latestOfVm1 = ok(cli.run("--json", "ls", "latest", "--hostname", "vm1"));
    assertThat(latestOfVm1.out()).contains("\"size\":3");
    Cli.Result latestTagged = cli.run("ls", "latest", "--tag", "monthly");
    assertThat(latestTagged.exitCode()).as(latestTagged.toString()).isNotZero();
    assertThat(latestTagged.err()).contains("with tag 'monthly'");
  }

  @Test
  void theMachineNameComesFromVolbackHostnameWhenNotGiven() throws Exception {
    Path www = folder("www", "x");
    Map<String, String> env = Map.of("VOLBACK_HOSTNAME", "compose-host");
    Cli.Result backup =
        VolbackProcess.run(
            env,
            "-r",
            tmp.resolve("repo").toString(),
            "--password-file",
            passwordFile.toString(),
            "backup",
            "--path",
            www.toString());
    ok(backup);
    Cli.Result listed = ok(cli.run("snapshots", "--hostname", "compose-host"));
    assertThat(listed.out()).contains("compose-host").contains("1 snapshot");

    Cli.Result empty =
        VolbackProcess.run(
            Map.of("VOLBACK_HOSTNAME", " "),
            "-r",
            tmp.resolve("repo").toString(),
            "--password-file",
            passwordFile.toString(),
            "backup",
            "--path",
            www.toString());
    assertThat(empty.exitCode()).as(empty.toString()).isEqualTo(2);
    assertThat(empty.err()).contains("VOLBACK_HOSTNAME");
  }

  @Test
  void hostIsRefusedWhereNoDockerHostIsUsedAndPointsToHostname() {
    Cli.Result r = cli.run("snapshots", "--host", "vm1");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--hostname vm1").doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
  }

  /**
   * The same volume name on two engines: --docker-host tells them apart by address or engine ID.
   */
  @Test
  void dockerHostSelectsByAddressOrEngineIdAndLatestHonoursIt() throws Exception {
    String name = TestDocker.uniqueName("filtered");
    createVolume(a, name, "on engine A");
    createVolume(b, name, "on engine B, longer");
    ok(cli.run("-H", a.address(), "backup", name));
    ok(cli.run("backup", "-H", b.address(), name));

    String engineA = a.client().infoCmd().exec().getId();
    assertThat(engineA).isNotBlank();
    Cli.Result byId = ok(cli.run("--json", "snapshots", "--docker-host", engineA));
    assertThat(byId.out()).contains(a.address()).doesNotContain(b.address());
    assertThat(byId.out()).contains(engineA);
    Cli.Result byAddress = ok(cli.run("snapshots", "--docker-host", b.address()));
    assertThat(byAddress.out()).contains("1 snapshot").contains(b.address());

    String copy = TestDocker.uniqueName("restored");
    ok(
        cli.run(
            "restore",
            "-H",
            b.address(),
            "latest",
            "--volume",
            name,
            "--docker-host",
            engineA,
            "--to",
            copy));
    try {
      Path restored = Path.of(VolumeDiscovery.get(b, copy).mountpoint());
      assertThat(Files.readString(restored.resolve("file"))).isEqualTo("on engine A");
    } finally {
      b.client().removeVolumeCmd(copy).exec();
    }
  }

  private static void createVolume(DockerHost host, String name, String content) throws Exception {
    host.client()
        .createVolumeCmd()
        .withName(name)
        .withDriver("local")
        .withLabels(TestDocker.testLabels())
        .exec();
    Path mountpoint = Path.of(VolumeDiscovery.get(host, name).mountpoint());
    Files.writeString(mountpoint.resolve("file"), content);
  }
}
