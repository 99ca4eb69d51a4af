package io.volback.cli.json;

/** KeyChangeJson is what key add, remove and passwd print with --json: the key ids changed. */
public record KeyChangeJson(String added, String removed) {}
