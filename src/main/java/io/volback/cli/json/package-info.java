/**
 * The records of volback's --json output, one per kind of message (docs/json.md is their contract),
 * and JsonOutput, the CLI's own mapper: snake_case, restic's names where the meaning is the same.
 * They are built from app results, never serialized repository-format records, so the output does
 * not change when the stored format does. New fields may be added; none is renamed or removed
 * without a note in docs/json.md.
 */
package io.volback.cli.json;
