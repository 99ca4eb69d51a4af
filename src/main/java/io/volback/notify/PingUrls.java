package io.volback.notify;

import java.net.URI;
import java.time.Duration;

/**
 * PingUrls pings a healthchecks-style URL: URL/start when a run starts, URL when it succeeded,
 * URL/fail when it failed (FAILED or PARTIAL; the error is the body, which healthchecks keeps as
 * the log). SKIPPED runs send nothing. The assembly gives each job its own PingUrls.
 */
public final class PingUrls implements Notifier {
  private final URI base;
  private final HttpPoster poster;

  /**
   * @param base the check's URL, e.g. https://hc-ping.com/UUID
   * @param timeout the connect and the request timeout
   */
  public PingUrls(URI base, Duration timeout) {
    this.base = base;
    this.poster = new HttpPoster(timeout);
  }

  @Override
  public void runStarted(String job) {
    poster.post("start ping", withSuffix("/start"), "text/plain; charset=utf-8", "");
  }

  @Override
  public void runFinished(RunEvent event) {
    switch (event.outcome()) {
      case SUCCEEDED -> poster.post("success ping", base, "text/plain; charset=utf-8", "");
      case FAILED, PARTIAL ->
          poster.post("fail ping", withSuffix("/fail"), "text/plain; charset=utf-8", body(event));
      case SKIPPED -> {
        // Nothing ran: neither a success nor a failure.
      }
    }
  }

  private URI withSuffix(String suffix) {
    String text = base.toString();
    int query = text.indexOf('?');
    String path = query < 0 ? text : text.substring(0, query);
    String rest = query < 0 ? "" : text.substring(query);
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return URI.create(path + suffix + rest);
  }

  private static String body(RunEvent event) {
    String what = event.volume() == null ? event.job() : event.job() + " " + event.volume();
    return what
        + ": "
        + event.outcome().name().toLowerCase(java.util.Locale.ROOT)
        + (event.error() == null ? "" : ": " + event.error());
  }

  @Override
  public String toString() {
    return "PingUrls[" + SafeUrl.describe(base) + "]";
  }
}
