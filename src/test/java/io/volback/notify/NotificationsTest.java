package io.volback.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Webhooks and ping URLs against a real in-test HTTP receiver. */
@Timeout(60)
class NotificationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final String SECRET = "c0ffee-uuid-secret";
  private static final Instant END = Instant.parse("2026-11-30T03:00:05.250Z");
  private static final String SNAPSHOT =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void webhookPostsAFailureAsJsonWithTheDocumentedFieldNames() throws Exception {
    try (Receiver receiver = new Receiver(false)) {
      new Webhook(receiver.url("/hooks/" + SECRET), false, TIMEOUT)
          .runFinished(event(RunEvent.Outcome.FAILED, "S3 is unreachable", null));

      Receiver.Request request = receiver.next();

      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/hooks/" + SECRET);
      assertThat(request.contentType()).isEqualTo("application/json");
      assertThat(JSON.readTree(request.body()))
          .isEqualTo(
              JSON.readTree(
                  """
                  {"volume":"pgdata","hostname":"machine-1","docker_host":"host-a",
                   "job":"backup/db/host-a","kind":"backup","outcome":"failed","duration":5.25,
                   "error":"S3 is unreachable","time":"2026-11-30T03:00:05.250Z"}
                  """));
    }
  }

  @Test
  void webhookStaysSilentOnSuccessUnlessAskedAndThenSendsTheSnapshotId() throws Exception {
    try (Receiver receiver = new Receiver(false)) {
      new Webhook(receiver.url("/quiet"), false, TIMEOUT)
          .runFinished(event(RunEvent.Outcome.SUCCEEDED, null, SNAPSHOT));
      assertThat(receiver.nothingMore()).isTrue();

      new Webhook(receiver.url("/loud"), true, TIMEOUT)
          .runFinished(event(RunEvent.Outcome.SUCCEEDED, null, SNAPSHOT));
      Receiver.Request request = receiver.next();

      assertThat(request.path()).isEqualTo("/loud");
      assertThat(JSON.readTree(request.body()).get("outcome").asText()).isEqualTo("succeeded");
      assertThat(JSON.readTree(request.body()).get("snapshot_id").asText()).isEqualTo(SNAPSHOT);
      assertThat(JSON.readTree(request.body()).has("error")).isFalse();
    }
  }

  @Test
  void webhookSendsPartialRunsAsFailuresAndSkippedRunsNotAtAll() throws Exception {
    try (Receiver receiver = new Receiver(false)) {
      Webhook webhook = new Webhook(receiver.url("/hook"), true, TIMEOUT);
      webhook.runFinished(event(RunEvent.Outcome.SKIPPED, null, null));
      webhook.runFinished(event(RunEvent.Outcome.PARTIAL, "2 files unreadable", SNAPSHOT));

      assertThat(JSON.readTree(receiver.next().body()).get("outcome").asText())
          .isEqualTo("partial");
      assertThat(receiver.nothingMore()).isTrue();
    }
  }

  @Test
  void pingUrlsHitStartThenSuccessOrFailWithTheErrorAsBody() throws Exception {
    try (Receiver receiver = new Receiver(false)) {
      PingUrls ping = new PingUrls(receiver.url("/ping/" + SECRET), TIMEOUT);

      ping.runStarted("backup/db/host-a");
      ping.runFinished(event(RunEvent.Outcome.SUCCEEDED, null, SNAPSHOT));
      ping.runStarted("backup/db/host-a");
      ping.runFinished(event(RunEvent.Outcome.FAILED, "S3 is unreachable", null));

      assertThat(receiver.next().path()).isEqualTo("/ping/" + SECRET + "/start");
      assertThat(receiver.next().path()).isEqualTo("/ping/" + SECRET);
      assertThat(receiver.next().path()).isEqualTo("/ping/" + SECRET + "/start");
      Receiver.Request fail = receiver.next();
      assertThat(fail.path()).isEqualTo("/ping/" + SECRET + "/fail");
      assertThat(fail.body()).isEqualTo("backup/db/host-a pgdata: failed: S3 is unreachable");
    }
  }

  @Test
  void pingUrlsKeepTheQueryAfterTheSuffix() throws Exception {
    try (Receiver receiver = new Receiver(false)) {
      new PingUrls(receiver.url("/ping/" + SECRET + "/?rid=7"), TIMEOUT).runStarted("check");

      Receiver.Request request = receiver.next();

      assertThat(request.path()).isEqualTo("/ping/" + SECRET + "/start");
      assertThat(request.query()).isEqualTo("rid=7");
    }
  }

  @Test
  void aRefusedWebhookIsLoggedWithoutTheSecretAndIsNotFatal() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    URI dead = URI.create("http://127.0.0.1:" + port + "/hooks/" + SECRET + "?token=" + SECRET);
    try (CapturedLogs logs = new CapturedLogs()) {
      new Webhook(dead, false, TIMEOUT).runFinished(event(RunEvent.Outcome.FAILED, "boom", null));
      new PingUrls(dead, TIMEOUT).runStarted("check");

      assertThat(logs.lines()).hasSize(2);
      assertThat(logs.lines().get(0))
          .startsWith("WARN webhook to http://127.0.0.1:" + port + "/... failed:");
      assertThat(logs.lines().get(1)).startsWith("WARN start ping to http://127.0.0.1:" + port);
      assertThat(String.join("\n", logs.lines())).doesNotContain(SECRET);
    }
  }

  @Test
  void aWebhookThatDoesNotAnswerInTimeIsLoggedWithinTheTimeoutAndIsNotFatal() throws Exception {
    try (Receiver stalling = new Receiver(true);
        CapturedLogs logs = new CapturedLogs()) {
      long started = System.nanoTime();
      new Webhook(stalling.url("/hooks/" + SECRET), false, Duration.ofMillis(500))
          .runFinished(event(RunEvent.Outcome.FAILED, "boom", null));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(stalling.next().path()).isEqualTo("/hooks/" + SECRET);
      assertThat(took).isLessThan(Duration.ofSeconds(5));
      assertThat(logs.lines()).singleElement().asString().contains("timed out");
      assertThat(String.join("\n", logs.lines())).doesNotContain(SECRET);
    }
  }

  @Test
  void notifiersGoOnToTheNextWhenOneThrows() throws Exception {
    AtomicInteger heard = new AtomicInteger();
    Notifier broken =
        event -> {
          throw new IllegalStateException("broken notifier");
        };
    Notifier counting = event -> heard.incrementAndGet();
    try (CapturedLogs logs = new CapturedLogs()) {
      new Notifiers(List.of(broken, counting))
          .runFinished(event(RunEvent.Outcome.FAILED, "boom", null));

      assertThat(heard).hasValue(1);
      assertThat(logs.lines()).singleElement().asString().contains("broken notifier");
    }
  }

  private static RunEvent event(RunEvent.Outcome outcome, String error, String snapshotId) {
    return new RunEvent(
        "backup/db/host-a",
        "backup",
        "pgdata",
        "machine-1",
        "host-a",
        outcome,
        Duration.ofMillis(5250),
        error,
        END,
        snapshotId);
  }
}
