package dev.saaskit.shared.identity;

import java.time.Instant;
import java.util.Map;

/**
 * An API key's rate limit as of one request: the requests its window admits, how many are left,
 * and when the window ends.
 *
 * @param resetSeconds whole seconds until {@code reset}, at least 1
 */
public record RateLimit(int limit, int remaining, Instant reset, long resetSeconds) {

  /** The {@code RateLimit-*} headers of the IETF draft, as key-authenticated responses carry them. */
  public Map<String, String> headers() {
    return Map.of(
        "ratelimit-limit", Integer.toString(limit),
        "ratelimit-remaining", Integer.toString(remaining),
        "ratelimit-reset", Long.toString(resetSeconds));
  }
}
