package dev.saaskit.shared.db;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** A statement that returns rows, read by a {@link RowMapper} when a {@link Results} method runs it. */
public final class Query extends SqlStatement<Query> {

  Query(Handle handle, String sql) {
    super(handle, sql);
  }

  public <T> Results<T> map(RowMapper<T> mapper) {
    return new Results<>(this, mapper);
  }

  /** The first column of each row as {@code type}; SQL null is null. */
  public <T> Results<T> mapTo(Class<T> type) {
    return new Results<>(this, rs -> type.cast(column(rs, type)));
  }

  /** Each row as a map from its lower-cased column labels to the driver's values. */
  public Results<Map<String, Object>> mapToMap() {
    return new Results<>(this, rs -> {
      ResultSetMetaData meta = rs.getMetaData();
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
      }
      return row;
    });
  }

  /** At most {@code limit} rows, read by {@code mapper}. */
  <T> List<T> rows(RowMapper<T> mapper, int limit) {
    try (PreparedStatement statement = prepare()) {
      long start = System.nanoTime();
      try (ResultSet rs = statement.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rows.size() < limit && rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      } finally {
        handle.countStatement(start);
      }
    } catch (SQLException e) {
      throw new StatementException(e);
    }
  }

  private static Object column(ResultSet rs, Class<?> type) throws SQLException {
    Object value;
    if (type == String.class) {
      value = rs.getString(1);
    } else if (type == UUID.class) {
      value = rs.getObject(1, UUID.class);
    } else if (type == Integer.class) {
      value = rs.getInt(1);
    } else if (type == Long.class) {
      value = rs.getLong(1);
    } else if (type == Boolean.class) {
      value = rs.getBoolean(1);
    } else if (type == Double.class) {
      value = rs.getDouble(1);
    } else if (type == BigDecimal.class) {
      value = rs.getBigDecimal(1);
    } else if (type == Instant.class) {
      Timestamp t = rs.getTimestamp(1);
      value = t == null ? null : t.toInstant();
    } else if (type == OffsetDateTime.class || type == LocalDate.class) {
      value = rs.getObject(1, type);
    } else {
      throw new IllegalArgumentException("cannot read a column as " + type.getName());
    }
    return rs.wasNull() ? null : value;
  }
}
