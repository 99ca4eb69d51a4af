package io.volback.cli;

import io.volback.app.RepositorySettings;
import io.volback.app.UsageException;
import io.volback.config.RepositoryConfig;
import io.volback.store.S3Credentials;
import io.volback.store.S3Settings;
import io.volback.store.S3Tls;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RepositoryOptions turns the global repository options and the environment into
 * RepositorySettings. The command line wins over the environment; two sources at the same level (-r
 * and --repository-file, VAR and VAR_FILE) are a usage error naming both.
 */
final class RepositoryOptions {
  private static final Logger log = LoggerFactory.getLogger(RepositoryOptions.class);
  private static final List<String> AWS_KEYS =
      List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

  private final VolbackCommand root;
  private final EnvSecrets env;

  RepositoryOptions(VolbackCommand root, Map<String, String> env) {
    this.root = root;
    this.env = new EnvSecrets(env);
  }

  RepositorySettings settings() {
    return settings(RepositoryConfig.NONE);
  }

  /**
   * The settings of the command line and the environment, completed by a service configuration
   * file's where neither gives one (the command line wins over the environment, both over the
   * file).
   */
  RepositorySettings settings(RepositoryConfig file) {
    String repository = repository();
    if (repository == null) {
      repository = file.location();
    }
    String endpoint = root.s3Endpoint != null ? root.s3Endpoint : file.s3().endpoint();
    return settingsFor(repository, endpoint, file.s3());
  }

  /**
   * Settings for repository with the S3 options of this command line, at s3Endpoint: also for a
   * second repository (copy's target, init's --from-repo).
   */
  RepositorySettings settingsFor(String repository, String s3Endpoint) {
    return settingsFor(repository, s3Endpoint, RepositoryConfig.S3.DEFAULT);
  }

  private RepositorySettings settingsFor(
      String repository, String s3Endpoint, RepositoryConfig.S3 fromFile) {
    S3Settings s3 =
        new S3Settings(
            s3Endpoint,
            pathStyle(s3Endpoint, fromFile.pathStyle()),
            isS3(repository) ? credentials() : Optional.empty(),
            tls(fromFile));
    if (s3.tls().insecure() && isS3(repository)) {
      log.warn(
          "--insecure-tls: the S3 server's certificate and name are not verified; anyone on the"
              + " network path can read and change what volback sends and receives");
    }
    return new RepositorySettings(
        repository, s3, isS3(repository) ? cacheDir() : null, root.retryLock);
  }

  /** The metadata cache root: --cache-dir, VOLBACK_CACHE_DIR, the XDG cache, ~/.cache; or none. */
  private Path cacheDir() {
    if (root.noCache) {
      return null;
    }
    if (root.cacheDir != null) {
      return root.cacheDir;
    }
    return MetadataCacheRoot.of(env::value, System.getProperty("user.home"));
  }

  String repository() {
    if (root.repository != null && root.repositoryFile != null) {
      throw new UsageException("-r/--repo and --repository-file both give the repository: use one");
    }
    if (root.repository != null) {
      return root.repository;
    }
    if (root.repositoryFile != null) {
      return SecretFile.firstLine(root.repositoryFile, "the repository", "--repository-file")
          .strip();
    }
    return env.get("VOLBACK_REPOSITORY", "the repository").map(String::strip).orElse(null);
  }

  private boolean pathStyle(String endpoint, Boolean fromFile) {
    if (root.s3PathStyle) {
      return true;
    }
    String value = env.value("VOLBACK_S3_PATH_STYLE");
    if (value == null) {
      return fromFile != null ? fromFile : S3Settings.needsPathStyle(endpoint);
    }
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes":
        return true;
      case "false", "0", "no":
        return false;
      default:
        throw new UsageException(
            "VOLBACK_S3_PATH_STYLE must be true or false, not '" + value + "'");
    }
  }

  /**
   * Keys read from *_FILE variables; without any *_FILE variable, empty: the AWS SDK's own chain
   * reads AWS_ACCESS_KEY_ID and the rest itself.
   */
  private Optional<S3Credentials> credentials() {
    boolean fromFiles = AWS_KEYS.stream().anyMatch(k -> env.value(k + "_FILE") != null);
    if (!fromFiles) {
      return Optional.empty();
    }
    String id = env.get("AWS_ACCESS_KEY_ID", "the S3 access key").orElse(null);
    String secret = env.get("AWS_SECRET_ACCESS_KEY", "the S3 secret key").orElse(null);
    Optional<String> token = env.get("AWS_SESSION_TOKEN", "the S3 session token");
    if (id == null || secret == null) {
      throw new UsageException(
          "incomplete S3 credentials: set AWS_ACCESS_KEY_ID (or AWS_ACCESS_KEY_ID_FILE) and"
              + " AWS_SECRET_ACCESS_KEY (or AWS_SECRET_ACCESS_KEY_FILE)");
    }
    return Optional.of(new S3Credentials(id.strip(), secret.strip(), token.map(String::strip)));
  }

  private S3Tls tls(RepositoryConfig.S3 fromFile) {
    List<Path> caCerts = root.caCerts;
    if (caCerts.isEmpty() && env.value("VOLBACK_CACERT") != null) {
      caCerts = List.of(Path.of(env.value("VOLBACK_CACERT")));
    }
    if (caCerts.isEmpty() && fromFile.caCert() != null) {
      caCerts = List.of(Path.of(fromFile.caCert()));
    }
    return new S3Tls(caCerts, root.insecureTls || fromFile.insecureTls());
  }

  private static boolean isS3(String repository) {
    return repository != null && repository.startsWith("s3:");
  }
}
