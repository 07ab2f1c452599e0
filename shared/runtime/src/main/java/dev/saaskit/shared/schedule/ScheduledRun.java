package dev.saaskit.shared.schedule;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.UnitOfWork;
import dev.saaskit.shared.runtime.Platform;
import java.time.Duration;
import java.time.Instant;

/** One run of a scheduled job: its event, the platform's parts, and a unit of work committed after the job returns. */
public final class ScheduledRun {

  private final ScheduledEvent event;
  private final Platform platform;
  private final UnitOfWork work;
  private final Instant now;

  public ScheduledRun(ScheduledEvent event, Platform platform, UnitOfWork work) {
    this.event = event;
    this.platform = platform;
    this.work = work;
    this.now = platform.clock().instant();
  }

  public ScheduledEvent event() {
    return event;
  }

  public Instant now() {
    return now;
  }

  public Platform platform() {
    return platform;
  }

  public Handle db() {
    return work.db();
  }

  public void publish(String queue, Object message) {
    work.publish(queue, message, event.id());
  }

  /** Publishes a message its queue delivers {@code delay} (at most 15 minutes) after this run's work commits. */
  public void publish(String queue, Object message, Duration delay) {
    work.publish(queue, message, event.id(), delay);
  }
}
