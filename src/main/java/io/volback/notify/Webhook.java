package io.volback.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Webhook POSTs a run's outcome as JSON (docs/json.md's names: volume, hostname, docker_host, job,
 * kind, outcome, duration in seconds, error, time, snapshot_id) to a URL: on failure (FAILED,
 * PARTIAL) always, on success only when asked. SKIPPED runs are not sent.
 */
public final class Webhook implements Notifier {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private final URI url;
  private final boolean onSuccess;
  private final HttpPoster poster;

  /**
   * @param url where to POST
   * @param onSuccess also POST successful runs
   * @param timeout the connect and the request timeout
   */
  public Webhook(URI url, boolean onSuccess, Duration timeout) {
    this.url = url;
    this.onSuccess = onSuccess;
    this.poster = new HttpPoster(timeout);
  }

  @Override
  public void runFinished(RunEvent event) {
    if (event.outcome() == RunEvent.Outcome.SKIPPED
        || !(onSuccess || event.outcome().isFailure())) {
      return;
    }
    poster.post("webhook", url, "application/json", json(event));
  }

  static String json(RunEvent event) {
    Payload payload =
        new Payload(
            event.volume(),
            event.hostname(),
            event.dockerHost(),
            event.job(),
            event.kind(),
            event.outcome().name().toLowerCase(Locale.ROOT),
            event.duration().toNanos() / 1e9,
            event.error(),
            event.time().toString(),
            event.snapshotId());
    try {
      return MAPPER.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "Webhook[" + SafeUrl.describe(url) + "]";
  }

  /** The JSON body. */
  record Payload(
      String volume,
      String hostname,
      String dockerHost,
      String job,
      String kind,
      String outcome,
      double duration,
      String error,
      String time,
      String snapshotId) {}
}
