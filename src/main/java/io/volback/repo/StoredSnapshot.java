package io.volback.repo;

/** StoredSnapshot is a snapshot together with its id (the SHA-256 of its stored object). */
public record StoredSnapshot(Id id, Snapshot snapshot) {}
