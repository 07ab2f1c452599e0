package dev.saaskit.platform;

import dev.saaskit.shared.http.Idempotency;
import dev.saaskit.shared.schedule.ScheduledJob;
import dev.saaskit.shared.schedule.ScheduledRun;
import java.util.Map;

/** Daily: the runtime's own leftovers, idempotency keys past their 24 hours. Each domain cleans its own tables. */
public final class Housekeeping implements ScheduledJob {

  @Override
  public Map<String, Object> run(ScheduledRun run) {
    return Map.of("expired_idempotency_keys", Idempotency.deleteExpired(run.db()));
  }
}
