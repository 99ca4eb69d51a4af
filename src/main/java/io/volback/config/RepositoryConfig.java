package io.volback.config;

/**
 * RepositoryConfig is where the service's repository is and how its password is read. The CLI's -r
 * / VOLBACK_REPOSITORY and password options override the file's values.
 *
 * @param location the repository (a folder or s3://bucket/prefix); null when not in the file
 * @param password where the password is read; null when not in the file
 * @param s3 settings of the S3 client
 */
public record RepositoryConfig(String location, SecretRef password, S3 s3) {
  public static final RepositoryConfig NONE = new RepositoryConfig(null, null, S3.DEFAULT);

  /**
   * S3 is how the S3 client reaches its server (the options --s3-endpoint, --s3-path-style,
   * --cacert and --insecure-tls of the CLI).
   *
   * @param endpoint an S3-compatible server's URL, or null for AWS
   * @param pathStyle true or false, or null for the CLI's default
   * @param caCert a PEM file of certificates to trust, or null
   * @param insecureTls accept any certificate (diagnosis only)
   */
  public record S3(String endpoint, Boolean pathStyle, String caCert, boolean insecureTls) {
    public static final S3 DEFAULT = new S3(null, null, null, false);
  }

  /** This configuration with the location and password the command line gives, when it does. */
  public RepositoryConfig overriddenBy(String cliLocation, SecretRef cliPassword) {
    return new RepositoryConfig(
        cliLocation != null ? cliLocation : location,
        cliPassword != null ? cliPassword : password,
        s3);
  }
}
