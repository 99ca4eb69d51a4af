package io.volback.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * TestPostgres gives a test class its own database on the PostgreSQL that scripts/setup-machine.sh
 * starts (VOLBACK_TEST_PG_URL, default jdbc:postgresql://127.0.0.1:5432/volback_test, user and
 * password VOLBACK_TEST_PG_USER / VOLBACK_TEST_PG_PASSWORD, default volback), so parallel runs
 * never share tables. close() drops it. A missing server fails the test: it is part of the machine.
 */
public final class TestPostgres implements AutoCloseable {
  private final String url;
  private final String database;

  private TestPostgres(String url, String database) {
    this.url = url;
    this.database = database;
  }

  public static String baseUrl() {
    return env("VOLBACK_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/volback_test");
  }

  public static String user() {
    return env("VOLBACK_TEST_PG_USER", "volback");
  }

  public static String password() {
    return env("VOLBACK_TEST_PG_PASSWORD", "volback");
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** Creates a fresh database named after prefix; close() drops it. */
  public static TestPostgres createDatabase(String prefix) {
    String name =
        (prefix + "_" + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9_]", "_");
    try (Connection c = DriverManager.getConnection(baseUrl(), user(), password());
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new AssertionError(
          "PostgreSQL is not usable at "
              + baseUrl()
              + " as "
              + user()
              + " ("
              + e.getMessage()
              + "); scripts/setup-machine.sh installs and starts it",
          e);
    }
    int slash = baseUrl().lastIndexOf('/');
    int query = baseUrl().indexOf('?', slash);
    String url =
        baseUrl().substring(0, slash + 1) + name + (query < 0 ? "" : baseUrl().substring(query));
    return new TestPostgres(url, name);
  }

  public String url() {
    return url;
  }

  public String database() {
    return database;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user(), password());
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = DriverManager.getConnection(baseUrl(), user(), password());
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }
}
