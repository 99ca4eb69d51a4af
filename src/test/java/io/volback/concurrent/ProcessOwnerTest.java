package io.volback.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Owner labels name a process by machine, PID namespace and boot, so only real leftovers go. */
@Timeout(30)
class ProcessOwnerTest {

  @Test
  void aGoneProcessOfThisNamespaceIsGoneAndALiveOneIsNot() throws Exception {
    Process child = new ProcessBuilder("true").start();
    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

    assertThat(ProcessOwner.isGoneHere(ProcessOwner.of(child.pid()))).isTrue();
    assertThat(ProcessOwner.isGoneHere(ProcessOwner.current())).isFalse();
  }

  @Test
  void theSameHostNameInAnotherPidNamespaceOrTheOldFormatIsNeverThisMachine() throws Exception {
    Process child = new ProcessBuilder("true").start();
    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    String hostname = LocalHost.name();

    // A volback in a host-networked container: same host name, its own PID namespace.
    assertThat(ProcessOwner.isGoneHere(hostname + "~4026599999.00000000/" + child.pid())).isFalse();
    // Labels of earlier versions ("HOSTNAME/PID") cannot tell the namespace: only age removes them.
    assertThat(ProcessOwner.isGoneHere(hostname + "/" + child.pid())).isFalse();
    assertThat(ProcessOwner.isGoneHere("garbage")).isFalse();
    assertThat(ProcessOwner.isGoneHere(null)).isFalse();
  }

  @Test
  void theMachineNamesTheHostNameAndTheNamespace() {
    assertThat(ProcessOwner.machine("db-host"))
        .startsWith("db-host~")
        .matches("db-host~\\d+\\.\\w{8}");
    assertThat(ProcessOwner.current()).endsWith("/" + ProcessHandle.current().pid());
  }
}
