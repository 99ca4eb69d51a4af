package io.volback.docker;

import io.volback.entry.ByteNames;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * PathStatClient asks HEAD /containers/{id}/archive?path=P over one kept-alive connection to a
 * local engine's unix socket. docker-java's transport has no HEAD method, so the request is written
 * by hand; only the status line and the stat header are read (a HEAD answer has no body).
 */
final class PathStatClient implements Closeable {
  private static final String STAT_HEADER = "x-docker-container-path-stat:";
  private static final int MAX_LINE = 64 * 1024;
  private final String host;
  private final String socket;
  private SocketChannel channel;
  private InputStream in;
  private OutputStream out;

  PathStatClient(DockerHost host) {
    if (!host.isLocalSocket()) {
      throw new IllegalArgumentException("not a unix socket: " + host);
    }
    this.host = host.address();
    this.socket = URI.create(host.address()).getPath();
  }

  /** The stat of path in the container, or empty when the path does not exist. */
  Optional<PathStat> stat(String containerId, String path) throws IOException {
    String target = "/containers/" + containerId + "/archive?path=" + percentEncoded(path);
    try {
      return request(target);
    } catch (IOException first) {
      // The engine may close a kept-alive connection between requests: one fresh try.
      closeConnection();
      try {
        return request(target);
      } catch (IOException e) {
        closeConnection();
        throw new DockerHostException(
            "cannot stat " + path + " on Docker host " + host + ": " + e.getMessage(), e);
      }
    }
  }

  private Optional<PathStat> request(String target) throws IOException {
    if (channel == null) {
      channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
      in = new BufferedInputStream(Channels.newInputStream(channel), 8192);
      out = Channels.newOutputStream(channel);
    }
    out.write(
        ("HEAD " + target + " HTTP/1.1\r\nHost: docker\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    String status = line();
    if (!status.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP answer: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    String stat = null;
    boolean close = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith(STAT_HEADER)) {
        stat = header.substring(STAT_HEADER.length()).trim();
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      }
    }
    if (close) {
      closeConnection();
    }
    if (code == 404) {
      return Optional.empty();
    }
    if (code / 100 != 2 || stat == null) {
      throw new DockerHostException(
          "cannot stat a path on Docker host " + host + ": HTTP " + code, code, null);
    }
    return Optional.of(PathStat.parse(stat));
  }

  private String line() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the engine closed the connection");
      }
      if (buf.size() > MAX_LINE) {
        throw new IOException("header line too long");
      }
      buf.write(b);
    }
    String s = buf.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  static String percentEncoded(String path) {
    StringBuilder s = new StringBuilder();
    for (byte b : ByteNames.encode(path)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '/'
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        s.append((char) c);
      } else {
        s.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        s.append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return s.toString();
  }

  private void closeConnection() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
    channel = null;
  }

  @Override
  public void close() {
    closeConnection();
  }
}
