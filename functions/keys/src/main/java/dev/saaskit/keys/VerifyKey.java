package dev.saaskit.keys;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.identity.ApiKeys;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/v1/keys/verify}: says whether a key works, and why not, always with 200. The
 * check is the one every key-authenticated request makes, so it counts against the key's rate limit
 * and in its usage, in one statement. With {@code scopes}, a key lacking one of them is
 * {@code INSUFFICIENT_SCOPE}.
 */
public final class VerifyKey implements Endpoint<VerifyKey.Request, VerifyKey.Response> {

  /** Longer than any key by far; a longer string is refused rather than hashed. */
  static final int MAX_KEY_LENGTH = 256;

  public record Request(String key, List<String> scopes) implements Validatable {
    @Override
    public void validate(Violations v) {
      if (v.required("key", key) && key.length() > MAX_KEY_LENGTH) {
        v.add("key", "must be at most " + MAX_KEY_LENGTH + " characters");
      }
      if (scopes != null && v.distinct("scopes", scopes)) {
        KeyRules.knownScopes(v, scopes);
      }
    }
  }

  /** The key's rate limit after this check: {@code reset} is when its window ends. */
  public record RateLimit(int limit, int remaining, Instant reset) {}

  /** The ids, scopes and rate limit are null or empty where the key was not found or not counted. */
  public record Response(
      boolean valid, ApiKeys.Code code, UUID organizationId, UUID keyId, List<String> scopes, RateLimit ratelimit) {}

  private final ApiKeys keys;

  public VerifyKey(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public Reply<Response> handle(Call<Request> call) {
    ApiKeys.Check check = keys.check(call.body().key(), call.request().routeKey(), call.autocommitDb());
    if (check.code() == ApiKeys.Code.VALID && call.body().scopes() != null && !check.scopes().containsAll(call.body().scopes())) {
      check = check.withCode(ApiKeys.Code.INSUFFICIENT_SCOPE);
    }
    var rateLimit = check.rateLimit();
    return Reply.ok(new Response(
        check.code() == ApiKeys.Code.VALID,
        check.code(),
        check.organizationId(),
        check.keyId(),
        check.scopes().stream().sorted().toList(),
        rateLimit == null ? null : new RateLimit(rateLimit.limit(), rateLimit.remaining(), rateLimit.reset())));
  }
}
