package io.volback.maintenance;

import io.volback.repo.Id;

/** IndexedPack is a pack as the index objects describe it: its blobs and the first object to. */
record IndexedPack(Id id, PackBlobs blobs, String indexKey) {}
