package io.volback.repo.snapshot;

import io.volback.repo.Id;

/** StoredSnapshot is a snapshot together with its id (the SHA-256 of its stored object). */
public record StoredSnapshot(Id id, Snapshot snapshot) {}
