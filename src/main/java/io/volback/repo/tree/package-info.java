/**
 * File trees as stored in a snapshot.
 *
 * <p>A Tree is the file tree of a snapshot, serialized as JSON lines, one TreeNode per entry in
 * entry.PathComponents.ORDER (depth-first, names sorted as bytes), and stored as content-defined
 * TREE blobs, so a tree of any size costs bounded memory and unchanged stretches deduplicate. A
 * TreeNode is a FileEntry plus, for a file, the ids of the DATA blobs of its content. TreeCodec
 * owns the JSON; TreeWriter writes a tree through a BlobSaver, TreeReader streams one back through
 * a BlobLoader. PathFilter selects part of a tree by include paths; IsoInstants writes the nodes'
 * timestamps.
 */
package io.volback.repo.tree;
