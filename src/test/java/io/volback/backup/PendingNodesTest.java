package io.volback.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.entry.EntryType;
import io.volback.entry.FileEntry;
import io.volback.repo.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** PendingNodes hands entries on in walk order once their blob ids are known. */
class PendingNodesTest {
  @Test
  void pendingNodesLeaveInWalkOrderWhateverOrderIdsArriveIn() throws Exception {
    List<String> emitted = new ArrayList<>();
    PendingNodes pending =
        new PendingNodes(
            (entry, content, read) ->
                emitted.add(entry.path() + (content == null ? "" : "=" + content.size())));
    var late = new CompletableFuture<Id>();
    var early = CompletableFuture.completedFuture(Id.sha256(new byte[1]));
    pending.addPending(
        FileEntry.builder("/a", EntryType.FILE).build(), List.of(early, late), EntryChange.NEW);
    pending.add(FileEntry.builder("/b", EntryType.DIRECTORY).build(), null, EntryChange.OTHER);
    pending.add(
        FileEntry.builder("/c", EntryType.FILE).build(),
        List.of(early.join()),
        EntryChange.UNCHANGED);
    assertThat(emitted).isEmpty();

    late.complete(Id.sha256(new byte[2]));
    pending.finish();
    assertThat(emitted).containsExactly("/a=2", "/b", "/c=1");
  }
}
