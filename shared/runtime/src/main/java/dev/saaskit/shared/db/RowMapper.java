package dev.saaskit.shared.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Reads the current row of a result. */
@FunctionalInterface
public interface RowMapper<T> {
  T map(ResultSet rs) throws SQLException;

  /** A {@code timestamptz} column as an {@code Instant}, or null. */
  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
