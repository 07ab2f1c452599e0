package dev.saaskit.shared.logs;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.UnitOfWork;
import java.util.List;

/**
 * One delivery of a subscription: the log group and stream the lines come from, the lines, and a
 * unit of work committed after the consumer returns.
 */
public final class LogBatch {

  private final String receiver;
  private final String logGroup;
  private final String logStream;
  private final List<LogEvent> events;
  private final UnitOfWork work;

  public LogBatch(String receiver, String logGroup, String logStream, List<LogEvent> events, UnitOfWork work) {
    this.receiver = receiver;
    this.logGroup = logGroup;
    this.logStream = logStream;
    this.events = events;
    this.work = work;
  }

  /** The catalog name of the function receiving the batch, whose own records may come back in it. */
  public String receiver() {
    return receiver;
  }

  public String logGroup() {
    return logGroup;
  }

  public String logStream() {
    return logStream;
  }

  public List<LogEvent> events() {
    return events;
  }

  public Handle db() {
    return work.db();
  }
}
