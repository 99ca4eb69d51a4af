package io.volback.cli.json;

import java.time.Instant;

/** KeyJson is one key as `key list --json` prints it (restic's names). */
public record KeyJson(
    String id,
    String shortId,
    boolean current,
    String hostname,
    String username,
    Instant created) {}
