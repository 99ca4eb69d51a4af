package io.volback.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;

/**
 * DockerHost is an open connection to one Docker engine: a docker-java client for typed commands
 * and the raw DockerHttpClient underneath it for streaming requests docker-java gets wrong.
 */
public final class DockerHost implements AutoCloseable {
  private final String address;
  private final DockerClient client;
  private final DockerHttpClient http;

  DockerHost(String address, DockerClient client, DockerHttpClient http) {
    this.address = address;
    this.client = client;
    this.http = http;
  }

  /** The address this host was opened with, e.g. "unix:///var/run/docker.sock". */
  public String address() {
    return address;
  }

  public DockerClient client() {
    return client;
  }

  public DockerHttpClient http() {
    return http;
  }

  /** Whether the engine is reached through a unix socket, i.e. runs on this machine. */
  public boolean isLocalSocket() {
    return address.startsWith("unix://");
  }

  @Override
  public String toString() {
    return address;
  }

  @Override
  public void close() throws IOException {
    client.close(); // closes the http client too
  }
}
