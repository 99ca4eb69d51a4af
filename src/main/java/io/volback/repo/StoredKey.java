package io.volback.repo;

import io.volback.repo.crypto.KeyFile;

/** StoredKey is a key file of the repository (keys/ID) and its content. */
public record StoredKey(Id id, KeyFile keyFile) {}
