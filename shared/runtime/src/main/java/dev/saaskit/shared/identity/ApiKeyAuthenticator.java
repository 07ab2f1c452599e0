package dev.saaskit.shared.identity;

import dev.saaskit.shared.db.Handle;
import java.time.LocalDate;

/**
 * How the HTTP binding authenticates an API key presented as a bearer credential: one statement
 * that resolves the key to a caller of its organization, counts the request against the key's rate
 * limit and in its usage, before the request's transaction begins. {@link ApiKeys} implements it.
 */
public interface ApiKeyAuthenticator {

  /** Bearer credentials starting with this are API keys; anything else is an access token. */
  String PREFIX = "vk_";

  /**
   * Returns the admitted caller, or throws a 401 (malformed, unknown, disabled, expired, revoked
   * key, or one of a deleted organization) or a 429 with {@code Retry-After} and {@code RateLimit-*}
   * headers {@link dev.saaskit.shared.problem.ApiException}.
   *
   * @param route the catalog's route key ({@code GET /api/v1/keys}), under which usage is counted
   * @param autocommit a handle whose statements commit on their own, so the count holds even when
   *     the request fails
   */
  Admission authenticate(String key, String route, Handle autocommit);

  /**
   * Moves the admitted request's usage count from 2xx, as {@link #authenticate} counted it, to the
   * class of the status it was answered with. Nothing to do, and no statement, for a 2xx.
   */
  void recordStatus(Admission admission, int status, Handle autocommit);

  /** A request admitted under a key: its caller, the rate limit after it, and where it was counted. */
  record Admission(Caller caller, RateLimit rateLimit, String route, LocalDate day) {}
}
