package io.volback.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShutdownCleanupTest {
  private final List<Runnable> hooks = new ArrayList<>();
  private final List<String> cleaned = new ArrayList<>();
  private final ShutdownCleanup<String> held = new ShutdownCleanup<>(hooks::add, cleaned::add);

  @Test
  void theHookIsInstalledOnceWithTheFirstResource() throws Exception {
    assertThat(hooks).isEmpty();
    held.add("a");
    held.add("b");
    assertThat(hooks).hasSize(1);
  }

  @Test
  void atShutdownTheResourcesStillHeldAreCleanedUpNewestFirst() throws Exception {
    held.add("a");
    held.add("b");
    held.add("c");
    held.remove("b");
    hooks.get(0).run();
    assertThat(cleaned).containsExactly("c", "a");
  }

  @Test
  void noResourceIsTakenOnceTheHookHasRun() throws Exception {
    held.add("a");
    hooks.get(0).run();
    assertThatThrownBy(() -> held.add("late"))
        .isInstanceOf(InterruptedIOException.class)
        .hasMessageContaining("shutting down");
    assertThat(cleaned).containsExactly("a");
  }

  @Test
  void aHookThatCannotBeInstalledRefusesTheResource() {
    ShutdownCleanup<String> refused =
        new ShutdownCleanup<>(
            hook -> {
              throw new InterruptedIOException("interrupted: the process is shutting down");
            },
            cleaned::add);
    assertThatThrownBy(() -> refused.add("a")).isInstanceOf(InterruptedIOException.class);
    assertThat(refused.held()).isEmpty();
  }
}
