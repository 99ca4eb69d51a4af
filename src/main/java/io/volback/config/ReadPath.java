package io.volback.config;

/** ReadPath is how a backup reads a volume's files. */
public enum ReadPath {
  /** The mountpoint when this process can see it, the Docker API otherwise. */
  AUTO,
  /** Only the volume's mountpoint on this machine. */
  MOUNTPOINT,
  /** Only the Docker API (a helper container), as for a remote engine. */
  API
}
