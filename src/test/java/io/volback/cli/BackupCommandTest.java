package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.testsupport.Cli;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** backup as users run it: exit codes and what the output says about the snapshot. */
class BackupCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  /** A socket cannot be backed up: the source skips it, and the run must say so, not exit 0. */
  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void skippedEntriesAreRecordedInTheSnapshotAndExitThree() throws Exception {
    Cli cli = new Cli(tmp.resolve("repo").toString(), Cli.passwordFile(tmp, "pw"));
    assertThat(cli.run("init").exitCode()).isZero();
    Path source = Files.createDirectory(tmp.resolve("source"));
    Files.writeString(source.resolve("kept.txt"), "kept");
    try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.bind(UnixDomainSocketAddress.of(source.resolve("app.sock")));

      Cli.Result text = cli.run("backup", "--path", source.toString(), "--name", "app");
      assertThat(text.exitCode()).as(text.toString()).isEqualTo(ExitCode.PARTLY_FAILED);
      assertThat(text.out())
          .as(text.toString())
          .contains("1 entry skipped")
          .contains("/app.sock: ");

      Cli.Result json = cli.run("--json", "backup", "--path", source.toString(), "--name", "app");
      assertThat(json.exitCode()).as(json.toString()).isEqualTo(ExitCode.PARTLY_FAILED);
      JsonNode skipped = io.volback.testsupport.JsonLines.summary(json.out()).get("skipped");
      assertThat(skipped).as(json.toString()).isNotNull();
      assertThat(skipped.get("count").asLong()).isEqualTo(1);
      assertThat(skipped.get("entries").get(0).get("path").asText()).isEqualTo("/app.sock");
      assertThat(skipped.get("entries").get(0).get("reason").asText()).contains("socket");
    }

    Cli.Result snapshots = cli.run("--json", "snapshots");
    JsonNode list = JSON.readTree(snapshots.out());
    assertThat(list).hasSize(2);
    assertThat(list.get(0).get("skipped").get("entries").get(0).get("path").asText())
        .isEqualTo("/app.sock");

    Files.delete(source.resolve("app.sock"));
    Cli.Result complete = cli.run("backup", "--path", source.toString(), "--name", "app");
    assertThat(complete.exitCode()).as(complete.toString()).isZero();
    assertThat(complete.out()).doesNotContain("skipped");
  }
}
