package io.volback.schedule;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgresVolumeLocks excludes runs across the instances of a cluster with session-scoped advisory
 * locks. Each held lock has its own connection, outside any pool: closing it releases the lock, and
 * an instance that dies (kill -9) loses its connections and so its locks.
 */
public final class PostgresVolumeLocks implements VolumeLocks {
  private static final Logger log = LoggerFactory.getLogger(PostgresVolumeLocks.class);

  private final String url;
  private final String user;
  private final String password;

  public PostgresVolumeLocks(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  @Override
  public Optional<Held> tryLock(String key) throws SQLException {
    Connection connection = DriverManager.getConnection(url, user, password);
    try (PreparedStatement st =
        connection.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
      st.setString(1, "volback-volume:" + key);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        if (rs.getBoolean(1)) {
          return Optional.of(() -> release(connection, key));
        }
      }
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
    connection.close();
    return Optional.empty();
  }

  private static void release(Connection connection, String key) {
    try {
      connection.close();
    } catch (SQLException e) {
      log.warn("could not close the connection holding the lock of {}: {}", key, e.getMessage());
    }
  }
}
