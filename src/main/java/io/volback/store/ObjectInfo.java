package io.volback.store;

/** ObjectInfo describes a stored object: its key and size in bytes. */
public record ObjectInfo(String key, long size) {}
