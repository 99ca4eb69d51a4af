package io.volback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.store.LocalFolderStore;
import io.volback.store.ObjectStore;
import io.volback.testsupport.Cli;
import io.volback.testsupport.VolbackProcess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** check on a local folder repository. */
class FolderCheckTest extends CheckContract {
  @Override
  Cli newRepositoryCli(Path passwordFile) {
    return new Cli(tmp.resolve("repo").toString(), passwordFile);
  }

  @Override
  ObjectStore store() {
    return new LocalFolderStore(tmp.resolve("repo"));
  }

  @Test
  void damageExitsOneFromTheRealProcessWithTheReportOnStdout() throws Exception {
    String pack = packOf(preciousBlob());
    store.delete(pack);
    Map<String, String> env =
        Map.of("VOLBACK_REPOSITORY", tmp.resolve("repo").toString(), "VOLBACK_PASSWORD", PASSWORD);
    Cli.Result r = VolbackProcess.run(env, "check");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .contains("error: " + pack)
        .contains("precious.bin")
        .contains("1 error found");
    assertThat(r.err()).as(r.toString()).doesNotContain("error:").doesNotContain(PASSWORD);

    Cli.Result json = VolbackProcess.run(env, "--json", "check");
    assertThat(json.exitCode()).as(json.toString()).isEqualTo(1);
    assertThat(json.out().lines().map(l -> l.startsWith("{")).distinct()).containsExactly(true);
  }

  @Test
  void cleanRepositoryExitsZeroFromTheRealProcess() throws Exception {
    Cli.Result r =
        VolbackProcess.run(
            Map.of(
                "VOLBACK_REPOSITORY", tmp.resolve("repo").toString(), "VOLBACK_PASSWORD", PASSWORD),
            "check",
            "--read-data");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("no errors were found");
  }
}
