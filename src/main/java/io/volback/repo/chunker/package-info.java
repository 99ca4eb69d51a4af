/**
 * Content-defined chunking: where file content is cut into blobs.
 *
 * <p>A Chunk is a run of bytes whose end is chosen by the content (FastCDC, a gear rolling hash),
 * so an insertion moves only nearby cut points and the rest of a file deduplicates. Chunker finds
 * the cut points within ChunkerParams; GearTable is the hash's table, derived from a per-repository
 * seed so chunk sizes reveal nothing about known files; ChunkReader cuts streams with one reused
 * buffer.
 */
package io.volback.repo.chunker;
