package io.volback.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HttpPoster sends one notification request with bounded connect and request timeouts and logs,
 * never throws, when it fails: a refused connection, a timeout, or an answer that is not 2xx.
 */
final class HttpPoster {
  private static final Logger log = LoggerFactory.getLogger(HttpPoster.class);

  private final HttpClient client;
  private final Duration timeout;

  HttpPoster(Duration timeout) {
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** POSTs body (of contentType) to url; true when it answered 2xx. what names it in the log. */
  boolean post(String what, URI url, String contentType, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", contentType)
            .header("User-Agent", "volback")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 == 2) {
        return true;
      }
      log.warn("{} to {} was answered {}", what, SafeUrl.describe(url), response.statusCode());
    } catch (HttpTimeoutException e) {
      log.warn("{} to {} timed out after {} s", what, SafeUrl.describe(url), timeout.toSeconds());
    } catch (IOException e) {
      log.warn(
          "{} to {} failed: {}: {}",
          what,
          SafeUrl.describe(url),
          e.getClass().getSimpleName(),
          SafeUrl.scrub(e.getMessage(), url));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("{} to {} was interrupted", what, SafeUrl.describe(url));
    }
    return false;
  }
}
