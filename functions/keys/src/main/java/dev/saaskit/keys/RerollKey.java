package dev.saaskit.keys;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.identity.ApiKeyFormat;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/keys/{id}/reroll}: a new secret for the key, with the same id and settings.
 * The previous secret keeps working for the grace period, so programs can switch without an outage.
 */
public final class RerollKey implements Endpoint<RerollKey.Request, RerollKey.Response> {

  public static final int DEFAULT_GRACE_SECONDS = 24 * 3600;
  public static final int MAX_GRACE_SECONDS = 30 * 24 * 3600;

  /** @param gracePeriodSeconds how long the previous secret keeps working: 0 (not at all) to 30 days, default 24 hours */
  public record Request(Integer gracePeriodSeconds) implements Validatable {
    @Override
    public void validate(Violations v) {
      v.range("grace_period_seconds", gracePeriodSeconds, 0, MAX_GRACE_SECONDS);
    }
  }

  /**
   * @param key the new secret, shown this once
   * @param previousKeyExpiresAt when the previous secret stops working
   */
  public record Response(String key, ApiKey apiKey, Instant previousKeyExpiresAt) {}

  /** The answer holds the secret: an {@code Idempotency-Key} replay would have to store it. */
  @Override
  public boolean answersWithSecrets() {
    return true;
  }

  @Override
  public Reply<Response> handle(Call<Request> call) {
    UUID id = call.pathId("id");
    int grace = call.body().gracePeriodSeconds() == null ? DEFAULT_GRACE_SECONDS : call.body().gracePeriodSeconds();
    KeyStore keys = new KeyStore(call.db(), call.caller().organization());
    ApiKey key = keys.lock(id).orElseThrow(() -> ApiException.notFound("API key"));
    if (key.revokedAt() != null) {
      throw new ApiException(ProblemType.CONFLICT, "the key is revoked; create a new key instead").code(KeyProblem.KEY_REVOKED);
    }
    KeyRules.mayManage(call.caller(), keys, KeyRules.Strength.of(key));
    String secret = ApiKeyFormat.generate(key.environment());
    KeyStore.Rerolled rerolled = keys.reroll(id, secret, grace);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("previous_prefix", key.prefix());
    details.put("prefix", rerolled.key().prefix());
    details.put("grace_period_seconds", grace);
    details.put("previous_expires_at", rerolled.previousSecretExpiresAt());
    call.audit(KeyAction.API_KEY_REROLLED, "api_key", id, details);
    return Reply.ok(new Response(secret, rerolled.key(), rerolled.previousSecretExpiresAt()));
  }
}
