package dev.saaskit.shared.outbox;

import dev.saaskit.shared.schedule.ScheduledJob;
import dev.saaskit.shared.schedule.ScheduledRun;
import java.util.Map;

/**
 * The scheduled relay: sends outbox messages that their publishing invocation did not (it crashed,
 * or the queue was down), so a committed change never loses its message.
 */
public final class OutboxRelay implements ScheduledJob {

  static final int BATCH = 500;

  @Override
  public Map<String, Object> run(ScheduledRun run) {
    Outbox.RelayResult result = run.platform().outbox().relay(run.platform().database(), BATCH);
    return Map.of("claimed", result.claimed(), "sent", result.sent());
  }
}
