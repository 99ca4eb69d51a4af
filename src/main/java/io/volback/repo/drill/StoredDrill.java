package io.volback.repo.drill;

import io.volback.repo.Id;

/** StoredDrill is a drill record together with its id (the SHA-256 of its stored object). */
public record StoredDrill(Id id, DrillRecord record) {}
