package io.volback.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.SSLConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DockerHosts opens connections to Docker engines from an address the way the docker CLI does:
 * DOCKER_HOST as the default, TLS with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH.
 */
public final class DockerHosts {
  public static final String DEFAULT_ADDRESS = "unix:///var/run/docker.sock";
  private static final List<String> CERT_FILES = List.of("ca.pem", "cert.pem", "key.pem");
  private static final Logger log = LoggerFactory.getLogger(DockerHosts.class);
  // Addresses already warned about in this process: say it once, not per connection.
  private static final Set<String> WARNED_PLAINTEXT = ConcurrentHashMap.newKeySet();

  private final Map<String, String> env;

  public DockerHosts(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public static DockerHosts fromEnvironment() {
    return new DockerHosts(System.getenv());
  }

  /**
   * The address to use for {@code address}: itself, or DOCKER_HOST, or the local default socket.
   */
  public String resolve(String address) {
    if (address != null && !address.isBlank()) {
      return address.trim();
    }
    String fromEnv = env.get("DOCKER_HOST");
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv.trim() : DEFAULT_ADDRESS;
  }

  /** Opens and pings the host at {@code address} (null or empty: the default host). */
  public DockerHost open(String address) throws DockerHostException {
    return connect(
        endpoint(resolve(address), address == null || address.isBlank() ? "DOCKER_HOST" : "-H"));
  }

  /**
   * The endpoint for address as the environment configures TLS: DOCKER_TLS_VERIFY with the files in
   * DOCKER_CERT_PATH (default ~/.docker); source says what gave address, for messages.
   */
  DockerEndpoint endpoint(String address, String source) {
    if (!tlsVerify()) {
      return DockerEndpoint.plain(address, source);
    }
    String configured = env.get("DOCKER_CERT_PATH");
    Path dir =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of(System.getProperty("user.home"), ".docker");
    return new DockerEndpoint(address, Optional.of(dir), true, source);
  }

  /** Opens and pings the host of endpoint. */
  public DockerHost connect(DockerEndpoint endpoint) throws DockerHostException {
    String resolved = endpoint.address();
    boolean tls = endpoint.tlsDir().isPresent();
    URI uri = parse(resolved, tls);
    DefaultDockerClientConfig built =
        new DefaultDockerClientConfig.Builder()
            .withDockerHost(uri.toString())
            .withDockerTlsVerify(false)
            .build();
    SSLConfig ssl = null;
    if (uri.getScheme().equals("tcp") && tls) {
      Path dir = endpoint.tlsDir().get();
      if (!endpoint.source().startsWith("context")) {
        requireCertFiles(dir, resolved);
      }
      SSLContext context = DockerTls.context(dir, endpoint.verifyTls(), resolved);
      ssl = () -> context;
    }
    if (uri.getScheme().equals("tcp") && !tls && WARNED_PLAINTEXT.add(resolved)) {
      log.warn(plaintext(resolved));
    }
    DockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(built.getDockerHost())
            .sslConfig(ssl)
            .maxConnections(50)
            .connectionTimeout(Duration.ofSeconds(15))
            // A daemon that stops sending (or answering) for this long is taken for hung: fail, do
            // not hang. Archive streams send data continuously, so this never cuts a slow backup.
            .responseTimeout(Duration.ofMinutes(10))
            .build();
    DockerClient client = DockerClientImpl.getInstance(built, http);
    DockerHost host = new DockerHost(resolved, client, http);
    ping(host);
    return host;
  }

  /**
   * The warning for a tcp:// address used without TLS, as the docker CLI allows it: anyone on the
   * network path can read the volume data and passwords and drive the engine.
   */
  Optional<String> plaintextWarning(String address) throws DockerHostException {
    String resolved = resolve(address);
    URI uri = parse(resolved, tlsVerify());
    return uri.getScheme().equals("tcp") && !tlsVerify()
        ? Optional.of(plaintext(resolved))
        : Optional.empty();
  }

  private static String plaintext(String address) {
    return "Docker host "
        + address
        + " is reached over plain TCP without TLS: volume"
        + " data, driver-option passwords and control of the engine cross the network unprotected;"
        + " set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to use TLS";
  }

  private static void ping(DockerHost host) throws DockerHostException {
    try {
      host.client().pingCmd().exec();
    } catch (DockerException e) {
      closeQuietly(host);
      throw new DockerHostException(
          "no Docker engine answers at "
              + host.address()
              + ": the ping got HTTP "
              + e.getHttpStatus(),
          e.getHttpStatus(),
          e);
    } catch (RuntimeException e) {
      closeQuietly(host);
      throw unreachable(host.address(), e);
    }
  }

  /** Turns a transport failure into a one-line message naming the host. */
  static DockerHostException unreachable(String address, Throwable failure) {
    Throwable root = failure;
    boolean tls = false;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      tls |= t instanceof SSLException;
      root = t;
    }
    String what =
        tls
            ? "TLS handshake with Docker host " + address + " failed"
            : "cannot reach Docker host " + address;
    return new DockerHostException(what + ": " + describe(root), failure);
  }

  private static String describe(Throwable root) {
    String message = root.getMessage();
    if (message == null || message.isBlank()) {
      return root.getClass().getSimpleName();
    }
    String line = message.lines().findFirst().orElse(message).trim();
    return line.isEmpty()
        ? root.getClass().getSimpleName()
        : Character.toLowerCase(line.charAt(0)) + line.substring(1);
  }

  private static URI parse(String address, boolean tls) throws DockerHostException {
    URI uri;
    try {
      uri = URI.create(address);
    } catch (IllegalArgumentException e) {
      throw badAddress(address);
    }
    if ("unix".equals(uri.getScheme()) && uri.getPath() != null && !uri.getPath().isEmpty()) {
      return uri;
    }
    if ("tcp".equals(uri.getScheme()) && uri.getHost() != null) {
      int port = uri.getPort() != -1 ? uri.getPort() : tls ? 2376 : 2375;
      return URI.create("tcp://" + uri.getHost() + ":" + port);
    }
    throw badAddress(address);
  }

  private static DockerHostException badAddress(String address) {
    return new InvalidDockerHostException(
        "unsupported Docker host address "
            + address
            + ": use unix:///path/to/docker.sock or tcp://host:port");
  }

  // The docker CLI enables TLS for any non-empty DOCKER_TLS_VERIFY.
  private boolean tlsVerify() {
    String value = env.get("DOCKER_TLS_VERIFY");
    return value != null && !value.isEmpty();
  }

  private static void requireCertFiles(Path dir, String address) throws DockerHostException {
    for (String name : CERT_FILES) {
      if (!Files.isReadable(dir.resolve(name))) {
        throw new DockerHostException(
            "cannot use TLS for Docker host "
                + address
                + ": "
                + dir.resolve(name)
                + " is missing or unreadable (set DOCKER_CERT_PATH to the folder "
                + "holding ca.pem, cert.pem and key.pem)");
      }
    }
  }

  private static void closeQuietly(DockerHost host) {
    try {
      host.close();
    } catch (IOException | RuntimeException ignored) {
      // the connection failed already; nothing left to release
    }
  }
}
