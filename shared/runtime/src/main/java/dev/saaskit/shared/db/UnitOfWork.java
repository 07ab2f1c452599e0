package dev.saaskit.shared.db;

import dev.saaskit.shared.audit.AuditEntry;
import dev.saaskit.shared.audit.AuditLog;
import dev.saaskit.shared.outbox.Outbox;
import dev.saaskit.shared.outbox.OutboxMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One invocation's database work: a single transaction, begun on first use, holding the changes,
 * their audit entries and the messages to publish. Messages go to the outbox table in the same
 * transaction and are sent only after it commits, so a rolled-back change never sends one and a
 * committed change never loses one.
 */
public final class UnitOfWork implements AutoCloseable {

  private final Supplier<Database> database;
  private final Outbox outbox;
  private final boolean transactional;
  private final List<OutboxMessage> pending = new ArrayList<>();
  private Handle handle;
  private boolean begun;
  private boolean commitStarted;
  private int statements;
  private long dbNanos;

  /**
   * @param transactional false for work that only reads (HTTP GET): its statements then run in
   *     autocommit, and a read costs one round trip instead of three (BEGIN with the query, the
   *     query's result, COMMIT)
   */
  public UnitOfWork(Supplier<Database> database, Outbox outbox, boolean transactional) {
    this.database = database;
    this.outbox = outbox;
    this.transactional = transactional;
  }

  /** The invocation's transaction, begun on first use. */
  public Handle db() {
    Handle h = open();
    if (transactional && !begun) {
      h.begin();
      begun = true;
    }
    return h;
  }

  /**
   * The invocation's connection while its transaction has not begun: each statement commits on its
   * own, in one round trip, and holds even when the request fails (counting a request against its
   * API key's rate limit). Once the transaction has begun, statements run in it.
   */
  public Handle autocommitDb() {
    return open();
  }

  private Handle open() {
    if (handle == null) {
      handle = database.get().open();
    }
    return handle;
  }

  /** True once a commit was sent: from then on the outcome of a failure is unknown. */
  public boolean commitStarted() {
    return commitStarted;
  }

  public void audit(AuditEntry entry) {
    AuditLog.append(db(), entry);
  }

  /** Queues a message for sending once this unit of work commits. */
  public void publish(String queue, Object message, String correlationId) {
    publish(queue, message, correlationId, Duration.ZERO);
  }

  /** Queues a message that its queue delivers {@code delay} (at most 15 minutes) after this unit of work commits. */
  public void publish(String queue, Object message, String correlationId, Duration delay) {
    pending.add(outbox.store(db(), queue, message, correlationId, delay));
  }

  /** Commits, then sends the messages this work published; a failed send is left to the relay. */
  public void commit() {
    if (handle == null) {
      return;
    }
    commitStarted = true;
    try {
      if (begun) {
        handle.commit();
      }
    } catch (RuntimeException e) {
      if (Database.isConnectionFailure(e)) {
        database.get().discardConnection();
      }
      throw e;
    } finally {
      release();
    }
    if (!pending.isEmpty()) {
      outbox.sendCommitted(database, List.copyOf(pending));
      pending.clear();
    }
  }

  public void rollback() {
    if (handle == null) {
      return;
    }
    pending.clear();
    try {
      if (begun) {
        handle.rollback();
      }
    } catch (RuntimeException e) {
      if (Database.isConnectionFailure(e)) {
        database.get().discardConnection();
      }
    } finally {
      release();
    }
  }

  /**
   * Rolls back after the invocation failed with {@code failure}. A failure that broke the
   * connection (rather than failing to open one) also discards it, so the container's next
   * invocation connects afresh instead of failing on the same dead socket.
   *
   * @return true when the connection was lost with the transaction, which was then rolled back whole
   */
  public boolean fail(Throwable failure) {
    rollback();
    boolean connectionLost = !Database.cannotConnect(failure) && Database.isConnectionFailure(failure);
    if (connectionLost) {
      database.get().discardConnection();
    }
    return connectionLost;
  }

  /** Rolls back whatever was not committed. */
  @Override
  public void close() {
    rollback();
  }

  public int statements() {
    return statements + (handle == null ? 0 : handle.statements());
  }

  public double dbMillis() {
    return (dbNanos + (handle == null ? 0 : handle.statementNanos())) / 1_000_000.0;
  }

  private void release() {
    Handle h = handle;
    handle = null;
    begun = false;
    statements += h.statements();
    dbNanos += h.statementNanos();
    try {
      h.close();
    } catch (RuntimeException e) {
      // A handle whose commit or rollback failed may refuse to close cleanly; its connection is
      // already discarded or rolled back, and the original failure is what the caller reports.
    }
  }
}
