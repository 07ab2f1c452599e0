package dev.saaskit.shared.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A statement run for its effect. */
public final class Update extends SqlStatement<Update> {

  Update(Handle handle, String sql) {
    super(handle, sql);
  }

  /** Runs the statement: the number of rows it changed (-1 for a statement that returns rows). */
  public int execute() {
    try (PreparedStatement statement = prepare()) {
      long start = System.nanoTime();
      try {
        statement.execute();
        return statement.getUpdateCount();
      } finally {
        handle.countStatement(start);
      }
    } catch (SQLException e) {
      throw new StatementException(e);
    }
  }
}
