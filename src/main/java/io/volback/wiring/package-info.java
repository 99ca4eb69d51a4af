/**
 * The adapters that implement the seams app declares with the docker package: DockerVolumeHost is
 * app's VolumeHost over one DockerHost and its LocalMountpoint. It sits above app so that docker
 * never depends on app; only cli uses it.
 */
package io.volback.wiring;
