package dev.saaskit.identity.sessions;

import dev.saaskit.shared.schedule.ScheduledJob;
import dev.saaskit.shared.schedule.ScheduledRun;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Daily: deletes what sign-in leaves behind once it can no longer matter: refresh and email tokens
 * a day after they expired (a token past its expiry is refused either way), sessions 30 days after
 * they ended, and sign-in failure counts a day after the last failure and any lock.
 */
public final class PurgeSessions implements ScheduledJob {

  @Override
  public Map<String, Object> run(ScheduledRun run) {
    Map<String, Object> deleted = new LinkedHashMap<>();
    deleted.put("expired_refresh_tokens", run.db().createUpdate(
            """
            delete from refresh_tokens t
             where t.expires_at < now() - interval '1 day'
                or t.session_id in (select id from sessions
                                     where coalesce(revoked_at, expires_at) < now() - interval '30 days')
            """)
        .execute());
    deleted.put("ended_sessions",
        run.db().createUpdate("delete from sessions where coalesce(revoked_at, expires_at) < now() - interval '30 days'").execute());
    deleted.put("expired_email_tokens",
        run.db().createUpdate("delete from user_tokens where expires_at < now() - interval '1 day'").execute());
    deleted.put("stale_login_throttles", run.db().createUpdate(
            """
            delete from login_throttles
             where greatest(last_failure_at, coalesce(locked_until, last_failure_at)) < now() - interval '1 day'
            """)
        .execute());
    return deleted;
  }
}
