package io.volback.docker;

/** NoSuchVolumeException is thrown when a named volume does not exist on a Docker host. */
public class NoSuchVolumeException extends DockerHostException {
  private final String volume;

  public NoSuchVolumeException(String volume, DockerHost host) {
    this(volume, host.toString());
  }

  /** hostAddress: the host as its errors name it (DockerHost's toString). */
  public NoSuchVolumeException(String volume, String hostAddress) {
    super("no volume named " + volume + " on Docker host " + hostAddress, 404, null);
    this.volume = volume;
  }

  public String volume() {
    return volume;
  }
}
