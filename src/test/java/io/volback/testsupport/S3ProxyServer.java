package io.volback.testsupport;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;

/**
 * S3ProxyServer is a real S3 server for tests: S3Proxy in-process on 127.0.0.1 and a free port,
 * storing buckets as folders in a temp directory, checking AWS v4 signatures against a fixed key.
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start()) {
 *   s3.createBucket("repo");
 *   // point the client at s3.endpoint() with path-style access, region us-east-1,
 *   // and the static credentials s3.accessKey() / s3.secretKey()
 * }
 * }</pre>
 *
 * <p>Keep logging at WARN (src/test/resources/logback-test.xml): S3Proxy logs every request at
 * DEBUG.
 */
public final class S3ProxyServer implements AutoCloseable {
  private static final String ACCESS_KEY = "volback-test-access-key";
  private static final String SECRET_KEY = "volback-test-secret-key-0123456789";

  private final Path directory;
  private final BlobStoreContext context;
  private final S3Proxy proxy;
  private final boolean secure;
  private final CountingBlobStore counting;

  private S3ProxyServer(
      Path directory,
      BlobStoreContext context,
      S3Proxy proxy,
      boolean secure,
      CountingBlobStore counting) {
    this.directory = directory;
    this.context = context;
    this.proxy = proxy;
    this.secure = secure;
    this.counting = counting;
  }

  private static S3ProxyServer shared;

  /**
   * The server shared by all tests of this JVM, started on first use and stopped at exit. Tests
   * give each repository its own bucket, so they do not see each other's data.
   */
  public static synchronized S3ProxyServer shared() throws Exception {
    if (shared == null) {
      S3ProxyServer server = start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.close();
                    } catch (Exception ignored) {
                      // the JVM is going away
                    }
                  },
                  "s3proxy-stop"));
      shared = server;
    }
    return shared;
  }

  /** Starts a server with no buckets; close it to stop it and delete its data. */
  public static S3ProxyServer start() throws Exception {
    return start(null, null);
  }

  /**
   * Starts a server that speaks https only, with the key and certificate of the PKCS12 keyStore
   * (e.g. from {@link TestCertificate}); {@link #endpoint()} is then its https URL.
   */
  public static S3ProxyServer startHttps(Path keyStore, String password) throws Exception {
    return start(keyStore, password);
  }

  private static S3ProxyServer start(Path keyStore, String password) throws Exception {
    Path directory = Files.createTempDirectory("volback-s3proxy-");
    Properties properties = new Properties();
    properties.setProperty(FilesystemConstants.PROPERTY_BASEDIR, directory.toString());
    BlobStoreContext context =
        ContextBuilder.newBuilder("filesystem").overrides(properties).build(BlobStoreContext.class);
    CountingBlobStore counting = new CountingBlobStore(context.getBlobStore());
    S3Proxy.Builder builder =
        S3Proxy.builder()
            .blobStore(counting)
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY);
    if (keyStore == null) {
      builder.endpoint(URI.create("http://127.0.0.1:0"));
    } else {
      builder
          .secureEndpoint(URI.create("https://127.0.0.1:0"))
          .keyStore(keyStore.toString(), password);
    }
    S3Proxy proxy = builder.build();
    try {
      proxy.start();
    } catch (Exception e) {
      context.close();
      deleteRecursively(directory);
      throw e;
    }
    return new S3ProxyServer(directory, context, proxy, keyStore != null, counting);
  }

  /** The server's URL, e.g. http://127.0.0.1:41234. */
  public URI endpoint() {
    return secure
        ? URI.create("https://127.0.0.1:" + proxy.getSecurePort())
        : URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** The access key id the server accepts. */
  public String accessKey() {
    return ACCESS_KEY;
  }

  /** The secret key the server accepts. */
  public String secretKey() {
    return SECRET_KEY;
  }

  /** The object keys read from bucket so far (one entry per GET, whole or ranged), in order. */
  public List<String> reads(String bucket) {
    return counting.reads(bucket);
  }

  /** Every object key in bucket (read from the server's folder), sorted. */
  public List<String> keys(String bucket) throws IOException {
    Path root = directory.resolve(bucket);
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString())
          .sorted()
          .toList();
    }
  }

  /** Creates an empty bucket; S3 bucket name rules apply (lowercase, 3 to 63 characters). */
  public void createBucket(String name) {
    context.getBlobStore().createContainerInLocation(null, name);
  }

  /** Stores an object directly in the server's blob store, as another tool would. */
  public void putObject(String bucket, String key, byte[] content) {
    var store = context.getBlobStore();
    store.putBlob(bucket, store.blobBuilder(key).payload(content).build());
  }

  @Override
  public void close() throws Exception {
    try {
      proxy.stop();
    } finally {
      context.close();
      deleteRecursively(directory);
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
