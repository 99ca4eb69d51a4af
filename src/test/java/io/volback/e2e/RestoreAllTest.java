package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.docker.DockerHost;
import io.volback.docker.VolumeDiscovery;
import io.volback.testsupport.Cli;
import io.volback.testsupport.DockerEngines;
import io.volback.testsupport.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** restore --all: a whole host's volumes, each from its newest snapshot, onto another engine. */
class RestoreAllTest {
  private final DockerHost a = DockerEngines.a();
  private final DockerHost b = DockerEngines.b();
  @TempDir Path tmp;
  Cli cli;

  @BeforeEach
  void repository() throws Exception {
    cli = new Cli(tmp.resolve("repo").toString(), Cli.passwordFile(tmp, "pw"));
    assertThat(cli.run("init").exitCode()).isZero();
  }

  @AfterEach
  void cleanUp() {
    TestDocker.removeAll(a);
    TestDocker.removeAll(b);
  }

  @Test
  void everyVolumeComesBackOnTheNewHostFromItsNewestSnapshot() throws Exception {
    String db = volume(a, "db", "old rows");
    String files = volume(a, "files", "uploads");
    ok(cli.run("-H", a.address(), "backup", db, files));
    Files.writeString(mountpoint(a, db).resolve("file"), "new rows");
    ok(cli.run("-H", a.address(), "backup", db));

    assertThat(ok(cli.run("snapshots")).out()).contains("3 snapshots");
    Cli.Result newest = ok(cli.run("snapshots", "--latest", "1"));
    assertThat(newest.out()).contains("2 snapshots").contains(db).contains(files);
    assertUsage(cli.run("snapshots", "--latest", "0"), "--latest");

    Cli.Result restored = ok(cli.run("-H", b.address(), "restore", "--all"));
    assertThat(restored.out()).contains("into volume " + db).contains("into volume " + files);
    assertThat(Files.readString(mountpoint(b, db).resolve("file"))).isEqualTo("new rows");
    assertThat(Files.readString(mountpoint(b, files).resolve("file"))).isEqualTo("uploads");

    Cli.Result again = cli.run("-H", b.address(), "restore", "--all");
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
    assertThat(again.err()).contains("volume " + db + ": ").contains("is not empty");

    b.client().removeVolumeCmd(files).exec();
    Cli.Result partly = cli.run("-H", b.address(), "restore", "--all");
    assertThat(partly.exitCode()).as(partly.toString()).isEqualTo(3);
    assertThat(partly.out()).contains("into volume " + files).doesNotContain("into volume " + db);
    assertThat(partly.err()).contains("volume " + db + ": ");
  }

  @Test
  void aVolumeNameBackedUpFromTwoHostsIsRefusedUntilOneIsChosen() throws Exception {
    String name = TestDocker.uniqueName("shared");
    create(a, name, "from A");
    create(b, name, "from B");
    ok(cli.run("-H", a.address(), "backup", name));
    ok(cli.run("-H", b.address(), "backup", name));
    b.client().removeVolumeCmd(name).exec();

    Cli.Result both = cli.run("-H", b.address(), "restore", "--all");
    assertThat(both.exitCode()).as(both.toString()).isEqualTo(2);
    assertThat(both.err())
        .contains(name)
        .contains(a.address())
        .contains(b.address())
        .contains("--docker-host");
    assertThat(exists(b, name)).isFalse();

    ok(cli.run("-H", b.address(), "restore", "--all", "--docker-host", a.address()));
    assertThat(Files.readString(mountpoint(b, name).resolve("file"))).isEqualTo("from A");
  }

  @Test
  void snapshotAndAllAreOneOrTheOther() {
    assertUsage(cli.run("-H", b.address(), "restore"), "which snapshot?");
    assertUsage(cli.run("-H", b.address(), "restore", "latest", "--all"), "not both");
    assertUsage(cli.run("-H", b.address(), "restore", "--all", "--to", "x"), "--to");
    assertUsage(cli.run("-H", b.address(), "restore", "--all", "--target", "/tmp/x"), "--target");
  }

  private static void assertUsage(Cli.Result r, String message) {
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains(message).doesNotContain("\tat ");
  }

  private static Cli.Result ok(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  private static String volume(DockerHost host, String prefix, String content) throws Exception {
    String name = TestDocker.uniqueName(prefix);
    create(host, name, content);
    return name;
  }

  private static void create(DockerHost host, String name, String content) throws Exception {
    host.client()
        .createVolumeCmd()
        .withName(name)
        .withDriver("local")
        .withLabels(TestDocker.testLabels())
        .exec();
    Files.writeString(mountpoint(host, name).resolve("file"), content);
  }

  private static boolean exists(DockerHost host, String name) {
    try {
      host.client().inspectVolumeCmd(name).exec();
      return true;
    } catch (com.github.dockerjava.api.exception.NotFoundException e) {
      return false;
    }
  }

  private static Path mountpoint(DockerHost host, String name) throws Exception {
    return Path.of(VolumeDiscovery.get(host, name).mountpoint());
  }
}
