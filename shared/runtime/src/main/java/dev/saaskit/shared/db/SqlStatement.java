package dev.saaskit.shared.db;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A statement with {@code :name} parameters and the values bound to them, sent when a terminal
 * method runs it. Every parameter must be bound and every bound name used, so a typo fails the
 * statement rather than binding nothing.
 *
 * <p>Values are bound by their runtime type: {@code String}, {@code UUID} (as {@code uuid}), the
 * boxed numbers, {@code Boolean}, {@code Instant} (a timestamp), {@code OffsetDateTime}, {@code
 * LocalDate}, enums (by name), {@code byte[]}, and arrays of strings, UUIDs and numbers (SQL arrays).
 * A null bound through a typed overload keeps its type; one bound as {@code Object} is untyped,
 * and the server infers it from the statement. A primitive boxes to its typed overload: the value is
 * held boxed either way, so primitive overloads would add nothing.
 */
public abstract sealed class SqlStatement<S extends SqlStatement<S>> permits Query, Update {

  private record Bound(Object value, int nullType) {}

  final Handle handle;
  final String sql;
  private final Map<String, Bound> bound = new LinkedHashMap<>();

  SqlStatement(Handle handle, String sql) {
    this.handle = handle;
    this.sql = sql;
  }

  @SuppressWarnings("unchecked")
  private S bind(String name, Object value, int nullType) {
    bound.put(name, new Bound(value, nullType));
    return (S) this;
  }

  public final S bind(String name, Object value) {
    return bind(name, value, Types.OTHER);
  }

  public final S bind(String name, String value) {
    return bind(name, value, Types.VARCHAR);
  }

  public final S bind(String name, Integer value) {
    return bind(name, value, Types.INTEGER);
  }

  public final S bind(String name, Long value) {
    return bind(name, value, Types.BIGINT);
  }

  public final S bind(String name, Boolean value) {
    return bind(name, value, Types.BOOLEAN);
  }

  public final S bind(String name, Double value) {
    return bind(name, value, Types.DOUBLE);
  }

  /** Binds {@code values} as one SQL array of {@code elementType}'s SQL type (for {@code = any(:name)}). */
  public final S bindArray(String name, Class<?> elementType, Collection<?> values) {
    Object array = values == null ? null : values.toArray((Object[]) Array.newInstance(elementType, values.size()));
    return bind(name, array, Types.ARRAY);
  }

  /** Prepares the statement with its values bound; the caller closes it. */
  final PreparedStatement prepare() throws SQLException {
    ParsedSql parsed = ColonParameterParser.parsed(sql);
    if (parsed.positional() > 0) {
      throw new IllegalArgumentException("bind parameters by :name, not ?: " + sql);
    }
    for (String name : bound.keySet()) {
      if (!parsed.names().contains(name)) {
        throw new IllegalArgumentException("no parameter :" + name + " in: " + sql);
      }
    }
    PreparedStatement statement = handle.connection().prepareStatement(parsed.sql());
    try {
      for (int i = 0; i < parsed.names().size(); i++) {
        String name = parsed.names().get(i);
        Bound value = bound.get(name);
        if (value == null) {
          throw new IllegalArgumentException("nothing bound to :" + name + " in: " + sql);
        }
        set(statement, i + 1, value.value(), value.nullType());
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private static void set(PreparedStatement statement, int index, Object value, int nullType) throws SQLException {
    switch (value) {
      case null -> statement.setNull(index, nullType);
      case String s -> statement.setString(index, s);
      case UUID u -> statement.setObject(index, u, Types.OTHER);
      case Integer n -> statement.setInt(index, n);
      case Long n -> statement.setLong(index, n);
      case Boolean b -> statement.setBoolean(index, b);
      case Instant t -> statement.setTimestamp(index, Timestamp.from(t));
      case Double d -> statement.setDouble(index, d);
      case Short n -> statement.setShort(index, n);
      case BigDecimal d -> statement.setBigDecimal(index, d);
      case OffsetDateTime t -> statement.setObject(index, t, Types.TIMESTAMP_WITH_TIMEZONE);
      case LocalDate d -> statement.setObject(index, d, Types.DATE);
      case Enum<?> e -> statement.setString(index, e.name());
      case byte[] b -> statement.setBytes(index, b);
      case Object[] a -> statement.setArray(index, statement.getConnection().createArrayOf(arrayType(a.getClass().getComponentType()), a));
      default -> throw new IllegalArgumentException("cannot bind a " + value.getClass().getName());
    }
  }

  private static String arrayType(Class<?> element) {
    if (element == String.class) {
      return "varchar";
    } else if (element == UUID.class) {
      return "uuid";
    } else if (element == Integer.class) {
      return "int4";
    } else if (element == Long.class) {
      return "int8";
    } else if (element == Double.class) {
      return "float8";
    } else if (element == Boolean.class) {
      return "bool";
    }
    throw new IllegalArgumentException("cannot bind an array of " + element.getName());
  }
}
