package io.volback.store;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * S3Settings are the user's S3 options: an S3-compatible endpoint (null: AWS), path-style
 * addressing, credentials read by the caller (empty: the AWS chain) and TLS trust.
 */
public record S3Settings(
    String endpoint, boolean pathStyle, Optional<S3Credentials> credentials, S3Tls tls) {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  public static S3Settings of(String endpoint, boolean pathStyle) {
    return new S3Settings(endpoint, pathStyle, Optional.empty(), S3Tls.DEFAULT);
  }

  /**
   * Whether endpoint is an IP address or localhost, where virtual-hosted addressing
   * (bucket.localhost, bucket.127.0.0.1) cannot resolve: path style is the only one that works.
   */
  public static boolean needsPathStyle(String endpoint) {
    Optional<URI> uri;
    try {
      uri = StoreFactory.endpoint(endpoint);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return uri.map(URI::getHost).map(S3Settings::isLocalOrIp).orElse(false);
  }

  private static boolean isLocalOrIp(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    // URI gives IPv6 literals in brackets: [::1]
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || IPV4.matcher(h).matches()
        || h.startsWith("[");
  }
}
