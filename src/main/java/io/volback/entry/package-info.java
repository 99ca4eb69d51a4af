/**
 * The neutral file-tree model the repository engines and the Docker layer share.
 *
 * <p>A FileEntry is the metadata of one entry of a file tree (path, EntryType, owner, mode, times,
 * xattrs, link target), wherever the tree lives. An EntrySource streams a tree in order (root
 * first, directories before their children) to an EntryVisitor; an EntrySink writes one.
 * DirectorySource and DirectorySink walk and write a local directory through open descriptors
 * (Posix), never following links; TarEntrySource and TarEntrySink read and write tar streams, and
 * TreeOrder checks that an untrusted archive forms a safe tree. Names are bytes (ByteNames); a
 * SkipLog records what a source left out.
 */
package io.volback.entry;
