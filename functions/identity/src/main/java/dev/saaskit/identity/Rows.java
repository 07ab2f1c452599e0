package dev.saaskit.identity;

import dev.saaskit.shared.db.StatementException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Column reading and the one database error tenancy answers itself. */
public final class Rows {

  private Rows() {}

  public static List<String> texts(ResultSet rs, String column) throws SQLException {
    java.sql.Array array = rs.getArray(column);
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }

  /** A unique index refused the statement: two requests raced for the same value. */
  public static boolean isUniqueViolation(StatementException e) {
    return "23505".equals(e.sqlState());
  }
}
