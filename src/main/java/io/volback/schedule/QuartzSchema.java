package io.volback.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * QuartzSchema creates Quartz's tables in PostgreSQL from the DDL the quartz jar ships
 * (tables_postgres.sql) when they are missing. Instances that start together serialize on an
 * advisory lock, so exactly one of them creates the tables and the others find them.
 */
final class QuartzSchema {
  private static final String DDL = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";

  private QuartzSchema() {}

  static void ensure(DataSource dataSource) throws SQLException, IOException {
    List<String> statements = statements();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("SELECT pg_advisory_xact_lock(hashtextextended('volback-quartz-ddl', 0))");
        boolean present;
        try (ResultSet rs = st.executeQuery("SELECT to_regclass('qrtz_locks') IS NOT NULL")) {
          rs.next();
          present = rs.getBoolean(1);
        }
        if (!present) {
          for (String sql : statements) {
            st.execute(sql);
          }
        }
      }
      c.commit();
    }
  }

  /** The jar's script without its comments, its DROP TABLEs and its COMMIT. */
  static List<String> statements() throws IOException {
    String script;
    try (InputStream in = QuartzSchema.class.getResourceAsStream(DDL)) {
      if (in == null) {
        throw new IOException("the quartz jar has no " + DDL);
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    StringBuilder text = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        text.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String sql : text.toString().split(";")) {
      String s = sql.strip();
      String upper = s.toUpperCase(java.util.Locale.ROOT);
      if (!s.isEmpty() && !upper.startsWith("DROP ") && !upper.equals("COMMIT")) {
        statements.add(s);
      }
    }
    return statements;
  }
}
