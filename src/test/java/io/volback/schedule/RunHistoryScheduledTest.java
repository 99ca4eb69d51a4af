package io.volback.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.volback.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run record keeps the fire time it ran for in both histories, and histories written before it
 * was kept still read (the field is null; the table gains its column).
 */
@Timeout(60)
class RunHistoryScheduledTest {
  private static final Instant FIRE = Instant.parse("2026-11-30T03:00:00Z");
  @TempDir Path tmp;

  private static RunRecord record(String id, Instant scheduled) {
    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return new RunRecord(
        id,
        "backup/p/a",
        JobKind.BACKUP,
        "p",
        "vol",
        "a",
        "host",
        "node-1",
        2,
        start,
        start.plusSeconds(1),
        RunOutcome.SUCCEEDED,
        10,
        5,
        "snap",
        null,
        null,
        scheduled);
  }

  @Test
  void theFileHistoryKeepsTheScheduledFireTimeAndReadsOldLinesWithout() throws Exception {
    FileRunHistory history = new FileRunHistory(tmp, 100);
    Files.writeString(
        history.file(),
        "{\"run_id\":\"old\",\"job_id\":\"backup/p/a\",\"kind\":\"BACKUP\",\"instance\":\"n\","
            + "\"attempt\":1,\"start\":\"2026-11-29T03:00:01Z\",\"end\":\"2026-11-29T03:00:02Z\","
            + "\"outcome\":\"SUCCEEDED\",\"bytes_read\":1,\"bytes_added\":1}\n");
    history.append(record("new", FIRE));
    assertThat(Files.readString(history.file())).contains("\"scheduled\":\"2026-11-30T03:00:00Z\"");
    assertThat(history.recent(10))
        .extracting(RunRecord::runId, RunRecord::scheduled)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("new", FIRE),
            org.assertj.core.groups.Tuple.tuple("old", null));
  }

  @Test
  void theTableKeepsTheScheduledFireTimeAndATableFromBeforeGainsItsColumn() throws Exception {
    try (TestPostgres db = TestPostgres.createDatabase("volback_history");
        HikariDataSource ds = new HikariDataSource()) {
      ds.setJdbcUrl(db.url());
      ds.setUsername(TestPostgres.user());
      ds.setPassword(TestPostgres.password());
      ds.setMaximumPoolSize(2);
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        // The table as the first version of JdbcRunHistory made it.
        st.execute(
            "CREATE TABLE volback_run_history (seq BIGSERIAL PRIMARY KEY, run_id TEXT NOT NULL"
                + " UNIQUE, job_id TEXT NOT NULL, kind TEXT NOT NULL, policy TEXT, volume TEXT,"
                + " docker_host TEXT, hostname TEXT, instance TEXT, attempt INT NOT NULL,"
                + " start_time TIMESTAMPTZ NOT NULL, end_time TIMESTAMPTZ NOT NULL, outcome TEXT"
                + " NOT NULL, bytes_read BIGINT NOT NULL, bytes_added BIGINT NOT NULL, snapshot_id"
                + " TEXT, error TEXT, hook_output TEXT)");
        st.execute(
            "INSERT INTO volback_run_history (run_id, job_id, kind, attempt, start_time,"
                + " end_time, outcome, bytes_read, bytes_added) VALUES ('old', 'backup/p/a',"
                + " 'BACKUP', 1, now(), now(), 'SUCCEEDED', 0, 0)");
      }
      JdbcRunHistory history = new JdbcRunHistory(ds);
      history.append(record("new", FIRE));
      history.append(record("unknown", null));
      assertThat(history.recent(10))
          .extracting(RunRecord::runId, RunRecord::scheduled)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("unknown", null),
              org.assertj.core.groups.Tuple.tuple("new", FIRE),
              org.assertj.core.groups.Tuple.tuple("old", null));
    }
  }
}
