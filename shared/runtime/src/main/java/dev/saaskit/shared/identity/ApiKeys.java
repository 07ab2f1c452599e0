package dev.saaskit.shared.identity;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * Checks API keys. A key that is not {@linkplain ApiKeyFormat#isWellFormed well formed} is refused
 * without a database read; any other costs exactly one statement, which in one go finds the key by
 * the SHA-256 of the secret, decides whether it works (not disabled, expired, revoked, of a deleted
 * organization), counts the request in the key's rate-limit window (with its last use), and counts
 * it in the key's usage for the day and route. It writes only the runtime's own tables
 * (migrations/ownership.yaml); the key itself, the keys domain's, is only read.
 *
 * <p>The rate-limit window is one row per key, changed by {@code INSERT ... ON CONFLICT DO UPDATE},
 * which takes the row's lock and always updates its latest version: parallel requests are counted
 * one after another, each sees the count including itself, and no more than the limit are admitted
 * in a window. A window begins with the first request after the previous one ended.
 */
public final class ApiKeys implements ApiKeyAuthenticator {

  /** The outcome of a check, as {@code POST /api/v1/keys/verify} reports it. */
  public enum Code {
    VALID,
    NOT_FOUND,
    DISABLED,
    EXPIRED,
    RATE_LIMITED,
    INSUFFICIENT_SCOPE
  }

  /**
   * What is known of a key after a check. The ids and scopes are null and empty when it was not
   * found; the rate limit and day are set when the request was counted (valid or rate limited).
   */
  public record Check(Code code, UUID keyId, UUID organizationId, Set<String> scopes, RateLimit rateLimit, LocalDate day) {

    static final Check NOT_FOUND = new Check(Code.NOT_FOUND, null, null, Set.of(), null, null);

    public Check {
      scopes = Set.copyOf(scopes);
    }

    public Check withCode(Code other) {
      return new Check(other, keyId, organizationId, scopes, rateLimit, day);
    }
  }

  /*
   * The data-modifying parts run once each, whether or not the final select reads them: "counted"
   * when the select reads it, "usage" after it, so every check locks the window row before the
   * usage row.
   */
  private static final String CHECK =
      """
      with found as (
          select k.id, k.organization_id, k.scopes, k.rate_limit_requests, k.rate_limit_seconds,
                 case
                     when o.deleted_at is not null then 'NOT_FOUND'
                     when not k.enabled then 'DISABLED'
                     when k.expires_at <= now() or s.expires_at <= now() then 'EXPIRED'
                     else 'VALID'
                 end as code
            from api_key_secrets s
            join api_keys k on k.id = s.key_id
            join organizations o on o.id = k.organization_id
           where s.secret_hash = :hash
      ),
      counted as (
          insert into api_key_rate_windows as w (key_id, window_end, requests, last_used_at)
          select id, now() + make_interval(secs => rate_limit_seconds), 1, now() from found where code = 'VALID'
          on conflict (key_id) do update
             set window_end   = case when w.window_end > now() then w.window_end else excluded.window_end end,
                 requests     = case when w.window_end > now() then w.requests + 1 else 1 end,
                 last_used_at = excluded.last_used_at
          returning key_id, window_end, requests
      ),
      usage as (
          insert into api_key_usage as u (key_id, day, route, organization_id, status_2xx, status_4xx)
          select f.id, cast(timezone('UTC', now()) as date), :route, f.organization_id,
                 case when c.requests <= f.rate_limit_requests then 1 else 0 end,
                 case when c.requests <= f.rate_limit_requests then 0 else 1 end
            from found f join counted c on c.key_id = f.id
          on conflict (key_id, day, route) do update
             set status_2xx = u.status_2xx + excluded.status_2xx,
                 status_4xx = u.status_4xx + excluded.status_4xx
      )
      select f.id, f.organization_id, f.scopes, f.code, f.rate_limit_requests, c.requests, c.window_end,
             greatest(1, ceil(extract(epoch from c.window_end - now()))) as reset_seconds,
             cast(timezone('UTC', now()) as date) as day
        from found f left join counted c on c.key_id = f.id
      """;

  private static final String RECORD_STATUS =
      """
      update api_key_usage set status_2xx = status_2xx - 1, %1$s = %1$s + 1
       where key_id = :key and day = :day and route = :route and status_2xx > 0
      """;

  /** Checks a key and counts the request under {@code route}; see the class comment. */
  public Check check(String key, String route, Handle autocommit) {
    if (!ApiKeyFormat.isWellFormed(key)) {
      return Check.NOT_FOUND;
    }
    return autocommit.createQuery(CHECK)
        .bind("hash", ApiKeyFormat.hash(key))
        .bind("route", route)
        .map(rs -> read(rs))
        .findOne()
        .orElse(Check.NOT_FOUND);
  }

  @Override
  public Admission authenticate(String key, String route, Handle autocommit) {
    Check check = check(key, route, autocommit);
    return switch (check.code()) {
      case VALID -> new Admission(
          Caller.apiKey(check.keyId(), check.organizationId(), check.scopes()), check.rateLimit(), route, check.day());
      case RATE_LIMITED -> throw rateLimited(check.rateLimit());
      case DISABLED -> throw unauthenticated("the API key is disabled");
      case EXPIRED -> throw unauthenticated("the API key has expired");
      case NOT_FOUND, INSUFFICIENT_SCOPE -> throw unauthenticated("the API key is not valid");
    };
  }

  @Override
  public void recordStatus(Admission admission, int status, Handle autocommit) {
    String column = switch (status / 100) {
      case 3 -> "status_3xx";
      case 4 -> "status_4xx";
      case 5 -> "status_5xx";
      default -> null;
    };
    if (column == null) {
      return;
    }
    autocommit.createUpdate(RECORD_STATUS.formatted(column))
        .bind("key", admission.caller().apiKeyId())
        .bind("day", admission.day())
        .bind("route", admission.route())
        .execute();
  }

  private static Check read(ResultSet rs) throws SQLException {
    UUID keyId = rs.getObject("id", UUID.class);
    UUID organizationId = rs.getObject("organization_id", UUID.class);
    Set<String> scopes = Set.of((String[]) rs.getArray("scopes").getArray());
    Code code = Code.valueOf(rs.getString("code"));
    int requests = rs.getInt("requests");
    if (rs.wasNull()) {
      return new Check(code, keyId, organizationId, scopes, null, null);
    }
    int limit = rs.getInt("rate_limit_requests");
    RateLimit rateLimit = new RateLimit(
        limit, Math.max(0, limit - requests), rs.getTimestamp("window_end").toInstant(), rs.getLong("reset_seconds"));
    return new Check(requests <= limit ? Code.VALID : Code.RATE_LIMITED, keyId, organizationId, scopes, rateLimit,
        rs.getObject("day", LocalDate.class));
  }

  private static ApiException rateLimited(RateLimit rateLimit) {
    ApiException e = new ApiException(ProblemType.RATE_LIMITED,
        "the API key's rate limit of " + rateLimit.limit() + " requests is used up; retry in " + rateLimit.resetSeconds() + " s");
    rateLimit.headers().forEach(e::header);
    return e.header("retry-after", Long.toString(rateLimit.resetSeconds()));
  }

  private static ApiException unauthenticated(String detail) {
    return new ApiException(ProblemType.UNAUTHENTICATED, detail);
  }
}
