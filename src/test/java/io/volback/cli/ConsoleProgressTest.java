package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.testsupport.JsonLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What restore's progress counts and lists: files, not the directories around them. */
class ConsoleProgressTest {
  @Test
  void restoreCountsAndListsFilesNotDirectories() throws Exception {
    StringWriter out = new StringWriter();
    Output output =
        new Output(
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            true,
            2,
            false,
            Map.of("VOLBACK_PROGRESS_FPS", "60"));
    ConsoleProgress progress = new ConsoleProgress(output, "restore");

    progress.volumeStarted("v", 50);
    progress.entryDone(FileEntry.builder("/", EntryType.DIRECTORY).build());
    for (int i = 0; i < 5; i++) {
      progress.entryDone(FileEntry.builder("/f" + i, EntryType.FILE).size(10).build());
    }
    Thread.sleep(50);
    progress.bytesRead(0);
    progress.volumeFinished("v");

    assertThat(JsonLines.ofType(out.toString(), "verbose_status"))
        .extracting(n -> n.get("action").asText() + " " + n.get("item").asText())
        .containsExactly(
            "restored /f0", "restored /f1", "restored /f2", "restored /f3", "restored /f4");
    var status = JsonLines.ofType(out.toString(), "status");
    assertThat(status).isNotEmpty();
    assertThat(status.get(status.size() - 1).get("files_done").asLong()).isEqualTo(5);
    assertThat(status.get(status.size() - 1).get("percent_done").asDouble()).isEqualTo(1.0);
  }

  @Test
  void progressRateComesFromTheEnvironmentAndIsBounded() {
    assertThat(Output.fps(null)).isEqualTo(Output.DEFAULT_FPS);
    assertThat(Output.fps("10")).isEqualTo(10);
    assertThat(Output.fps("1000")).isEqualTo(Output.MAX_FPS);
    assertThat(Output.fps("0.5")).isEqualTo(0.5);
  }
}
