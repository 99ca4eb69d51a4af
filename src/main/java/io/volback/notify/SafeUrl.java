package io.volback.notify;

import java.net.URI;

/**
 * SafeUrl describes a notification URL for logs: scheme, host and port only. Webhook and ping URLs
 * carry their secret in the path or the query (a healthchecks UUID, a Slack token), so neither is
 * ever logged.
 */
final class SafeUrl {
  private SafeUrl() {}

  static String describe(URI url) {
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    return url.getScheme() + "://" + url.getHost() + port + "/...";
  }

  /** message with every occurrence of url's path and query removed. */
  static String scrub(String message, URI url) {
    if (message == null) {
      return "no detail";
    }
    String scrubbed = message.replace(url.toString(), describe(url));
    String path = url.getRawPath();
    if (path != null && path.length() > 1) {
      scrubbed = scrubbed.replace(path, "/...");
    }
    String query = url.getRawQuery();
    if (query != null && !query.isEmpty()) {
      scrubbed = scrubbed.replace(query, "...");
    }
    return scrubbed;
  }
}
