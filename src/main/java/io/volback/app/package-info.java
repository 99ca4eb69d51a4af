/**
 * The use cases: what a command does, joining the repository engines and Docker.
 *
 * <p>BackupVolumes snapshots volumes of a Docker host, BackupDirectory a local directory, both
 * against the ParentSnapshot (the newest of the same source); RestoreSnapshot writes a snapshot
 * into a volume, refusing what could lose data (OperationRefusedException, SharedDeviceCheck).
 * Repositories opens and creates repositories from RepositorySettings. An AccessPath says whether a
 * volume is read or written through the Docker API or its mountpoint. VolumeHost is the Docker host
 * as the volume use cases need it, declared here and implemented above app
 * (wiring.DockerVolumeHost), so that the use cases run against a fake in tests.
 */
package io.volback.app;
