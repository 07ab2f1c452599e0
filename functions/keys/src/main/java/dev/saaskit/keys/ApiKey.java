package dev.saaskit.keys;

import dev.saaskit.shared.validation.Violations;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key as the API shows it: everything but the secret, which only the create and reroll
 * responses carry, once.
 *
 * @param prefix the start of the current secret ({@code vk_live_} and six characters), to tell keys apart
 * @param environment {@code live} or {@code test}, as the secret starts
 * @param status {@code active}, {@code disabled}, {@code expired} or {@code revoked}
 * @param createdByUserId who made it; null when another key did. The key is the organization's: it
 *     keeps working when that person leaves
 */
public record ApiKey(
    UUID id,
    String name,
    String prefix,
    String environment,
    String status,
    boolean enabled,
    List<String> scopes,
    RateLimit rateLimit,
    UUID workspaceId,
    Instant expiresAt,
    Instant lastUsedAt,
    UUID createdByUserId,
    Instant createdAt,
    Instant updatedAt,
    Instant revokedAt) {

  /** How many requests the key may make in a window of {@code perSeconds}. */
  public record RateLimit(Integer requests, Integer perSeconds) {

    /** What a key gets when it is created without a rate limit. */
    public static final RateLimit DEFAULT = new RateLimit(1000, 60);

    public static final int MAX_REQUESTS = 10_000;
    public static final int MAX_SECONDS = 86_400;

    void validate(Violations v, String field) {
      if (v.required(field + ".requests", requests)) {
        v.range(field + ".requests", requests, 1, MAX_REQUESTS);
      }
      if (v.required(field + ".per_seconds", perSeconds)) {
        v.range(field + ".per_seconds", perSeconds, 1, MAX_SECONDS);
      }
    }
  }
}
