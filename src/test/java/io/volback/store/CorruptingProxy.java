package io.volback.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * CorruptingProxy is a loopback TCP proxy in front of an HTTP server that flips one byte in the
 * body of the first PUT request passing through it, as a faulty network path would; everything else
 * it passes on unchanged.
 */
final class CorruptingProxy implements AutoCloseable {
  private static final byte[] PUT = "PUT ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket server;
  private final int targetPort;
  private final String scheme;
  private final int bodyOffset;
  private final AtomicInteger corrupted = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<String> putHeaders = new CopyOnWriteArrayList<>();

  /**
   * Starts a proxy to target that flips the byte at bodyOffset of the first PUT body at least that
   * long; a negative bodyOffset corrupts nothing.
   */
  CorruptingProxy(URI target, int bodyOffset) throws IOException {
    this(target, bodyOffset, null);
  }

  /** Like the plain proxy, but clients speak TLS to it with tls's key (an https endpoint). */
  CorruptingProxy(URI target, int bodyOffset, SSLContext tls) throws IOException {
    this.server =
        tls == null
            ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
            : tls.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.scheme = tls == null ? "http" : "https";
    this.targetPort = target.getPort();
    this.bodyOffset = bodyOffset;
    Thread acceptor = new Thread(this::acceptLoop, "corrupting-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI endpoint() {
    return URI.create(scheme + "://127.0.0.1:" + server.getLocalPort());
  }

  /** How many bodies the proxy has corrupted so far (at most one). */
  int corruptedBodies() {
    return corrupted.get();
  }

  /** The header block of every PUT request seen so far, in order. */
  List<String> putHeaders() {
    return putHeaders;
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(upstream);
        pump(client.getInputStream(), upstream.getOutputStream(), true);
        pump(upstream.getInputStream(), client.getOutputStream(), false);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(InputStream in, OutputStream out, boolean request) {
    Thread thread =
        new Thread(
            () -> {
              Matcher matcher = request ? new Matcher() : null;
              byte[] buffer = new byte[8192];
              try (in;
                  out) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                  if (matcher != null) {
                    matcher.scan(buffer, n);
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side closed the connection
              }
            },
            request ? "proxy-request" : "proxy-response");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Matcher follows the requests on one connection: it finds "PUT ", records the headers up to the
   * blank line, then counts the body by its Content-Length and flips the chosen byte of the first.
   */
  private final class Matcher {
    private int putMatched;
    private int headerEndMatched;
    private boolean inHeaders;
    private long bodyPosition;
    private long bodyLength;
    private final StringBuilder headers = new StringBuilder();

    void scan(byte[] buffer, int n) {
      for (int i = 0; i < n; i++) {
        byte b = buffer[i];
        if (bodyPosition < bodyLength) {
          if (bodyPosition++ == bodyOffset && corrupted.compareAndSet(0, 1)) {
            buffer[i] ^= 0x01;
          }
        } else if (!inHeaders) {
          putMatched = b == PUT[putMatched] ? putMatched + 1 : (b == PUT[0] ? 1 : 0);
          if (putMatched == PUT.length) {
            inHeaders = true;
            putMatched = 0;
          }
        } else {
          headers.append((char) (b & 0xff));
          headerEndMatched =
              b == HEADER_END[headerEndMatched]
                  ? headerEndMatched + 1
                  : (b == HEADER_END[0] ? 1 : 0);
          if (headerEndMatched == HEADER_END.length) {
            startBody();
          }
        }
      }
    }

    private void startBody() {
      String block = "PUT " + headers;
      putHeaders.add(block);
      bodyLength =
          block
              .lines()
              .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
              .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).strip()))
              .findFirst()
              .orElse(0);
      bodyPosition = 0;
      headers.setLength(0);
      headerEndMatched = 0;
      inHeaders = false;
    }
  }
}
