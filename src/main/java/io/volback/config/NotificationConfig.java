package io.volback.config;

import java.net.URI;
import java.time.Duration;

/**
 * NotificationConfig is who is told about runs. Webhook and ping URLs often carry a secret in their
 * path or query (Slack, healthchecks), so toString shows only their scheme and host.
 *
 * @param webhook a JSON POST per run, or null
 * @param ping healthchecks-style pings, or null
 */
public record NotificationConfig(Webhook webhook, Ping ping) {
  public static final NotificationConfig NONE = new NotificationConfig(null, null);

  /**
   * Webhook posts a JSON document about a run.
   *
   * @param url where to post
   * @param onSuccess also post for successful runs (failures are always posted)
   * @param timeout how long one post may take
   */
  public record Webhook(URI url, boolean onSuccess, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public String toString() {
      return "Webhook[url="
          + redacted(url)
          + ", onSuccess="
          + onSuccess
          + ", timeout="
          + timeout
          + "]";
    }
  }

  /**
   * Ping is a healthchecks.io-style URL: URL/start when a run starts, URL when it succeeds,
   * URL/fail when it fails.
   *
   * @param url the base URL
   * @param timeout how long one ping may take
   */
  public record Ping(URI url, Duration timeout) {
    @Override
    public String toString() {
      return "Ping[url=" + redacted(url) + ", timeout=" + timeout + "]";
    }
  }

  /** The URL without its path, query and user info: scheme://host:port/***. */
  static String redacted(URI url) {
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    return url.getScheme() + "://" + url.getHost() + port + "/***";
  }

  /** Parses an absolute http(s) URL; IllegalArgumentException says why without echoing it. */
  static URI httpUrl(String text) {
    try {
      URI uri = new URI(text.strip());
      if (uri.getHost() != null
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "not an http:// or https:// URL with a host (the value is not shown: it may hold a token)");
  }
}
