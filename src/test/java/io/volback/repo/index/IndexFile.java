package io.volback.repo.index;

import io.volback.repo.Id;
import io.volback.repo.pack.PackHeader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IndexFile is the content of an index/ object (sealed JSON): for each pack, the blobs it holds.
 * supersedes lists index objects this one replaces (written by prune).
 */
public record IndexFile(int version, List<String> supersedes, List<Pack> packs) {

  /** Pack lists the blobs of one pack file. */
  public record Pack(String id, List<PackHeader.Blob> blobs) {}

  static IndexFile of(List<IndexEntry> entries) {
    Map<Id, List<PackHeader.Blob>> byPack = new LinkedHashMap<>();
    for (IndexEntry e : entries) {
      byPack
          .computeIfAbsent(e.pack(), k -> new ArrayList<>())
          .add(
              new PackHeader.Blob(e.blob().hex(), e.type(), e.offset(), e.length(), e.rawLength()));
    }
    List<Pack> packs = new ArrayList<>();
    byPack.forEach((id, blobs) -> packs.add(new Pack(id.hex(), blobs)));
    return new IndexFile(1, List.of(), packs);
  }
}
