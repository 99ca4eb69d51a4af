package io.volback.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * JdbcRunHistory keeps the run history in PostgreSQL's volback_run_history table, so every instance
 * of a cluster reads the same history. The table is created if missing.
 */
public final class JdbcRunHistory implements RunHistory {
  private static final String COLUMNS =
      "run_id, job_id, kind, policy, volume, docker_host, hostname, instance, attempt, start_time,"
          + " end_time, outcome, bytes_read, bytes_added, snapshot_id, error, hook_output,"
          + " scheduled_time";

  private final DataSource dataSource;

  public JdbcRunHistory(DataSource dataSource) throws SQLException {
    this.dataSource = dataSource;
    createTable();
  }

  private void createTable() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        // Two instances starting together would race on CREATE TABLE IF NOT EXISTS (a duplicate
        // type error): the transaction-scoped lock makes the second wait for the first.
        st.execute("SELECT pg_advisory_xact_lock(hashtextextended('volback-run-history-ddl', 0))");
        st.execute(
            "CREATE TABLE IF NOT EXISTS volback_run_history ("
                + "seq BIGSERIAL PRIMARY KEY, run_id TEXT NOT NULL UNIQUE, job_id TEXT NOT NULL,"
                + " kind TEXT NOT NULL, policy TEXT, volume TEXT, docker_host TEXT, hostname TEXT,"
                + " instance TEXT, attempt INT NOT NULL, start_time TIMESTAMPTZ NOT NULL,"
                + " end_time TIMESTAMPTZ NOT NULL, outcome TEXT NOT NULL, bytes_read BIGINT NOT NULL,"
                + " bytes_added BIGINT NOT NULL, snapshot_id TEXT, error TEXT, hook_output TEXT)");
        // Tables made before the scheduled fire time was kept gain its column.
        st.execute(
            "ALTER TABLE volback_run_history ADD COLUMN IF NOT EXISTS scheduled_time TIMESTAMPTZ");
        st.execute(
            "CREATE INDEX IF NOT EXISTS volback_run_history_job ON volback_run_history (job_id,"
                + " seq)");
      }
      c.commit();
    }
  }

  @Override
  public void append(RunRecord r) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO volback_run_history ("
                    + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      st.setString(1, r.runId());
      st.setString(2, r.jobId());
      st.setString(3, r.kind().name());
      st.setString(4, r.policy());
      st.setString(5, r.volume());
      st.setString(6, r.dockerHost());
      st.setString(7, r.hostname());
      st.setString(8, r.instance());
      st.setInt(9, r.attempt());
      st.setTimestamp(10, Timestamp.from(r.start()));
      st.setTimestamp(11, Timestamp.from(r.end()));
      st.setString(12, r.outcome().name());
      st.setLong(13, r.bytesRead());
      st.setLong(14, r.bytesAdded());
      st.setString(15, r.snapshotId());
      st.setString(16, r.error());
      if (r.hookOutput() == null) {
        st.setNull(17, Types.VARCHAR);
      } else {
        st.setString(17, r.hookOutput());
      }
      if (r.scheduled() == null) {
        st.setNull(18, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        st.setTimestamp(18, Timestamp.from(r.scheduled()));
      }
      st.executeUpdate();
    }
  }

  @Override
  public List<RunRecord> recent(int limit) throws SQLException {
    return query(
        "SELECT " + COLUMNS + " FROM volback_run_history ORDER BY seq DESC LIMIT ?", null, limit);
  }

  @Override
  public Optional<RunRecord> lastOf(String jobId) throws SQLException {
    return query(
            "SELECT "
                + COLUMNS
                + " FROM volback_run_history WHERE job_id = ? ORDER BY seq DESC LIMIT ?",
            jobId,
            1)
        .stream()
        .findFirst();
  }

  private List<RunRecord> query(String sql, String jobId, int limit) throws SQLException {
    List<RunRecord> records = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      int i = 1;
      if (jobId != null) {
        st.setString(i++, jobId);
      }
      st.setInt(i, limit);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          records.add(
              new RunRecord(
                  rs.getString(1),
                  rs.getString(2),
                  JobKind.valueOf(rs.getString(3)),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getInt(9),
                  rs.getTimestamp(10).toInstant(),
                  rs.getTimestamp(11).toInstant(),
                  RunOutcome.valueOf(rs.getString(12)),
                  rs.getLong(13),
                  rs.getLong(14),
                  rs.getString(15),
                  rs.getString(16),
                  rs.getString(17),
                  rs.getTimestamp(18) == null ? null : rs.getTimestamp(18).toInstant()));
        }
      }
    }
    return records;
  }
}
