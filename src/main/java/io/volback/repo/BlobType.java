package io.volback.repo;

/** BlobType tells file content (DATA) from serialized file trees (TREE). */
public enum BlobType {
  DATA,
  TREE
}
