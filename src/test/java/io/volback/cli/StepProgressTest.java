package io.volback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One status line per step of check and per phase of prune, cleared when the step ends. */
class StepProgressTest {
  private final StringWriter err = new StringWriter();
  private final Output terminal =
      new Output(
          new PrintWriter(new StringWriter()),
          new PrintWriter(err),
          false,
          0,
          true,
          Map.of("VOLBACK_PROGRESS_FPS", "60"));

  @Test
  void pruneShowsEachPhaseCountedInObjectsAndClearsItsLine() throws Exception {
    StepProgress progress = new StepProgress(terminal, "prune");

    progress.phase("repacking", 3);
    for (int i = 0; i < 3; i++) {
      Thread.sleep(20);
      progress.done(1024);
    }
    progress.phaseFinished();

    assertThat(err.toString()).contains("prune repacking: 3 objects, ").endsWith("\r");
  }

  @Test
  void checkShowsEachStepAndANewStepEndsTheLastOne() throws Exception {
    StepProgress progress = new StepProgress(terminal, "check");

    progress.stepStarted("packs", 4096);
    Thread.sleep(20);
    progress.objectChecked(2048);
    progress.stepStarted("snapshots", -1);
    Thread.sleep(20);
    progress.objectChecked(10);
    progress.close();

    assertThat(err.toString())
        .contains("check packs: 1 object, ")
        .contains("check snapshots: 1 object, ")
        .endsWith("\r");
  }
}
