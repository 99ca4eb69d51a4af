package io.volback.maintenance;

import io.volback.repo.Id;
import io.volback.repo.index.Index;
import java.util.Map;

/**
 * LoadedIndex is what a check read from the index objects that authenticate and decode: the index
 * itself and, per pack, a summary of its blobs to compare with the pack's header.
 */
record LoadedIndex(Index index, Map<Id, IndexedPack> packs, int objects) {}
