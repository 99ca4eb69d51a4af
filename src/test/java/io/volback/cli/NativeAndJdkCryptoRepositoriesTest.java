package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volback.testsupport.Cli;
import io.volback.testsupport.VolbackProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository written with one crypto provider (VOLBACK_CRYPTO=jdk or native, each a child JVM) is
 * read, verified and extended by the other. Nonces are random, so the stored bytes differ from run
 * to run; what must be identical is what they decrypt to: the blob ids (a forced re-backup by the
 * other provider adds no blob, and check --read-data recomputes every id) and the restored bytes.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class NativeAndJdkCryptoRepositoriesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /**
   * One repository, both directions: the JDK provider writes the first snapshot, the native one
   * re-reads the data (adding no blob) and writes the second; each then verifies every blob id and
   * restores the snapshot the other wrote.
   */
  @Test
  void aRepositoryIsSharedByTheJdkAndTheNativeProviderInBothDirections() throws Exception {
    writtenByOneReadByTheOther("jdk", "native");
  }

  @Test
  void anUnknownCryptoSettingWarnsAndStillWorks() throws Exception {
    Path repo = tmp.resolve("repo");
    Path password = Cli.passwordFile(tmp, "pw");
    Cli.Result init = run("fast", repo, password, "init");
    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(init.err()).contains("VOLBACK_CRYPTO=fast: unknown value");
    assertThat(init.err()).doesNotContain("Exception");
  }

  private void writtenByOneReadByTheOther(String writer, String reader) throws Exception {
    Path source = sourceTree();
    Path repo = tmp.resolve("repo");
    Path password = Cli.passwordFile(tmp, "pw");

    Cli.Result init = run(writer, repo, password, "init");
    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(init.err()).contains("crypto provider: " + description(writer));
    JsonNode first = summary(run(writer, repo, password, backup(source)));
    assertThat(first.get("blobs_added").asInt()).isGreaterThan(3);

    Cli.Result again = run(reader, repo, password, backup(source));
    assertThat(again.err()).contains("crypto provider: " + description(reader));
    JsonNode second = summary(again);
    assertThat(second.get("total_bytes_processed").asLong())
        .isEqualTo(first.get("total_bytes_processed").asLong());
    assertThat(second.get("blobs_added").asInt()).as("blob ids of the re-read data").isZero();

    // Each provider verifies every blob id and restores the snapshot the other one wrote.
    Map<String, JsonNode> writtenByTheOther = Map.of(reader, first, writer, second);
    for (String provider : List.of(reader, writer)) {
      Cli.Result check = run(provider, repo, password, "--json", "check", "--read-data");
      assertThat(check.exitCode()).as(provider + ": " + check.err()).isZero();
      JsonNode checked = lastLine(check.out());
      assertThat(checked.get("num_errors").asInt()).isZero();
      assertThat(checked.get("blobs").asInt()).isGreaterThan(3);

      String snapshot = writtenByTheOther.get(provider).get("short_id").asText();
      Path target = tmp.resolve("restored-by-" + provider);
      Cli.Result restore =
          run(provider, repo, password, "restore", snapshot, "--target", target.toString());
      assertThat(restore.exitCode()).as(provider + ": " + restore.err()).isZero();
      assertSameFiles(source, target);
    }
    tamperWithTheBiggestPack(repo);
    Cli.Result check = run(reader, repo, password, "--json", "check", "--read-data");
    assertThat(check.exitCode()).as(reader + " after tampering").isNotZero();
    assertThat(lastLine(check.out()).get("num_errors").asInt()).isPositive();
  }

  private static String[] backup(Path source) {
    return new String[] {"--json", "backup", "--path", source.toString(), "--name", "d", "--force"};
  }

  private static String description(String provider) {
    return provider.equals("jdk") ? "JDK (forced" : "Amazon Corretto Crypto Provider";
  }

  private Cli.Result run(String provider, Path repo, Path password, String... args)
      throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("VOLBACK_CRYPTO", provider);
    env.put("VOLBACK_LOG_LEVEL", "DEBUG");
    List<String> all = new ArrayList<>(List.of("-r", repo.toString(), "--password-file"));
    all.add(password.toString());
    all.addAll(List.of(args));
    // The shipped ConsoleLogConfigurator (before logback-test.xml) honours VOLBACK_LOG_LEVEL.
    ProcessBuilder pb = VolbackProcess.builder(env, all.toArray(String[]::new));
    return VolbackProcess.run(pb, StandardCharsets.UTF_8);
  }

  private static JsonNode summary(Cli.Result backup) throws Exception {
    assertThat(backup.exitCode()).as(backup.err()).isZero();
    JsonNode summary = lastLine(backup.out());
    assertThat(summary.get("message_type").asText()).isEqualTo("summary");
    return summary;
  }

  private static JsonNode lastLine(String stdout) throws Exception {
    String[] lines = stdout.strip().split("\n");
    return JSON.readTree(lines[lines.length - 1]);
  }

  private Path sourceTree() throws Exception {
    Path source = tmp.resolve("source");
    Files.createDirectories(source.resolve("sub"));
    SplittableRandom random = new SplittableRandom(14);
    byte[] big = new byte[3 << 20];
    random.nextBytes(big);
    Files.write(source.resolve("random.bin"), big);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append("line ").append(random.nextInt(1000)).append('\n');
    }
    Files.writeString(source.resolve("sub/text.txt"), text);
    Files.writeString(source.resolve("empty.txt"), "");
    Files.writeString(source.resolve("sub/small.txt"), "hello");
    return source;
  }

  private static void tamperWithTheBiggestPack(Path repo) throws Exception {
    Path biggest;
    try (Stream<Path> files = Files.walk(repo.resolve("data"))) {
      biggest =
          files
              .filter(Files::isRegularFile)
              .max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length()))
              .orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(biggest);
    bytes[bytes.length / 2] ^= 1;
    Files.write(biggest, bytes);
  }

  private static void assertSameFiles(Path expected, Path actual) throws Exception {
    try (Stream<Path> files = Files.walk(expected)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path restored = actual.resolve(expected.relativize(file).toString());
        assertThat(Files.readAllBytes(restored))
            .as(restored.toString())
            .isEqualTo(Files.readAllBytes(file));
      }
    }
  }
}
