/**
 * Docker: volumes on Docker hosts, read and written as tar streams.
 *
 * <p>A DockerHost is an open connection to one engine (DockerHosts opens it as the docker CLI
 * would). VolumeDiscovery lists volumes (VolumeInfo) and the containers that mount them; Volumes
 * creates, inspects and removes them. A HelperContainer is a never-started container from the empty
 * HelperImage with one volume mounted, so VolumeArchive can stream the volume through the archive
 * endpoints. LocalMountpoint says when a volume's mountpoint can be read directly instead. This
 * package knows nothing of the repository.
 */
package io.volback.docker;
