package dev.saaskit.shared.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * A connection held for one piece of work: statements, and a transaction when one is begun. Closing
 * the handle gives the connection back (it is the container's, kept open across invocations).
 *
 * <p>Statements are written in plain SQL with {@code :name} parameters ({@link ColonParameterParser})
 * and read with {@link RowMapper}s; each one's time is added to {@link #statementNanos()}.
 */
public final class Handle implements AutoCloseable {

  private final Connection connection;
  private final Runnable onClose;
  private boolean inTransaction;
  private boolean closed;
  private int statements;
  private long statementNanos;

  Handle(Connection connection, Runnable onClose) {
    this.connection = connection;
    this.onClose = onClose;
  }

  /** A statement that returns rows ({@code select}, or a change with {@code returning}). */
  public Query createQuery(String sql) {
    return new Query(this, sql);
  }

  /** A statement that changes rows and returns their count. */
  public Update createUpdate(String sql) {
    return new Update(this, sql);
  }

  /** Begins a transaction: statements from here on run in it until {@link #commit()} or {@link #rollback()}. */
  public void begin() {
    try {
      connection.setAutoCommit(false);
      inTransaction = true;
    } catch (SQLException e) {
      throw new StatementException(e);
    }
  }

  public void commit() {
    end(true);
  }

  public void rollback() {
    end(false);
  }

  private void end(boolean commit) {
    try {
      if (commit) {
        connection.commit();
      } else {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw new StatementException(e);
    } finally {
      inTransaction = false;
      // Even after a failed commit: the connection outlives this handle, and the next invocation's
      // statements must not run in a transaction nobody commits.
      try {
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        // Only a broken connection refuses; the failure above is the one to report, and the
        // caller discards the connection.
      }
    }
  }

  /**
   * Runs {@code work} in a transaction of its own, committed when it returns and rolled back when it
   * throws; inside a transaction already begun, it simply runs in that one.
   */
  public <R> R inTransaction(Function<Handle, R> work) {
    if (inTransaction) {
      return work.apply(this);
    }
    begin();
    R result;
    try {
      result = work.apply(this);
    } catch (RuntimeException | Error e) {
      try {
        rollback();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    commit();
    return result;
  }

  /** Statements sent through this handle, failed ones included. */
  public int statements() {
    return statements;
  }

  /** The time those statements took, from sending to the last row read. */
  public long statementNanos() {
    return statementNanos;
  }

  Connection connection() {
    return connection;
  }

  void countStatement(long startNanos) {
    statements++;
    statementNanos += System.nanoTime() - startNanos;
  }

  /** Gives the connection back; a transaction left open is rolled back first. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (inTransaction) {
        rollback();
      }
    } finally {
      onClose.run();
    }
  }
}
