package io.volback.entry;

/** EntryType is the kind of a file system entry, as tar and POSIX know them. */
public enum EntryType {
  DIRECTORY,
  FILE,
  SYMLINK,
  /** A hard link: its linkTarget is the path of an earlier FILE entry with the same content. */
  HARDLINK,
  FIFO,
  CHAR_DEVICE,
  BLOCK_DEVICE
}
