package io.volback.schedule;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One clustered scheduler instance in its own JVM for ClusteredSchedulerTest (so kill -9 is real).
 * Arguments: JDBC URL, user, password, instance id, volume lock key. Its job "tick" fires every
 * second and inserts a row into the test's fires table. It takes the lock key at start and prints
 * LOCKED or NOT-LOCKED, then STARTED. Commands on stdin: "history INSTANT" prints HISTORY and the
 * sorted run ids of the records started before INSTANT; end of input shuts it down.
 */
public final class ClusterNodeMain {
  private ClusterNodeMain() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    String password = args[2];
    String instance = args[3];
    SchedulerSettings settings =
        SchedulerSettings.postgresql(url, user, password)
            .withInstanceId(instance)
            .withTiming(Duration.ofSeconds(1), Duration.ofMillis(1_000));
    JobRunner runner =
        (job, context) -> {
          Instant start = Instant.now();
          try (Connection c = DriverManager.getConnection(url, user, password);
              PreparedStatement st =
                  c.prepareStatement(
                      "INSERT INTO fires (job_id, scheduled, instance) VALUES (?, ?, ?)")) {
            st.setString(1, job.id());
            st.setTimestamp(2, Timestamp.from(context.scheduledFireTime()));
            st.setString(3, context.instance());
            st.executeUpdate();
          }
          return List.of(RecordingRunner.succeeded(job, context, start));
        };
    QuartzServiceScheduler scheduler = new QuartzServiceScheduler(settings, runner, List.of());
    Optional<VolumeLocks.Held> lock = scheduler.volumeLocks().tryLock(args[4]);
    System.out.println(lock.isPresent() ? "LOCKED" : "NOT-LOCKED");
    scheduler.start(
        List.of(new ServiceJob("tick", JobKind.BACKUP, "p", "a", "* * * * * ?", ZoneOffset.UTC)));
    System.out.println("STARTED " + scheduler.instanceId());
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith("history ")) {
        Instant before = Instant.parse(line.substring("history ".length()).strip());
        String ids =
            scheduler.history().recent(100_000).stream()
                .filter(r -> r.start().isBefore(before))
                .map(RunRecord::runId)
                .sorted()
                .collect(Collectors.joining(","));
        System.out.println("HISTORY " + ids);
        System.out.flush();
      }
    }
    scheduler.shutdown(Duration.ofSeconds(5));
    lock.ifPresent(VolumeLocks.Held::close);
  }
}
