package dev.saaskit.platform;

import dev.saaskit.shared.schedule.ScheduledJob;
import dev.saaskit.shared.schedule.ScheduledRun;
import java.util.Map;

/** Daily: deletes idempotency keys past their 24 hours. */
public final class Housekeeping implements ScheduledJob {

  @Override
  public Map<String, Object> run(ScheduledRun run) {
    int keys = run.db().createUpdate("delete from idempotency_keys where created_at < now() - interval '24 hours'").execute();
    return Map.of("expired_idempotency_keys", keys);
  }
}
