package dev.saaskit.keys;

import dev.saaskit.shared.audit.AuditChanges;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code PUT /api/v1/keys/{id}}: replaces a key's settings (name, scopes, rate limit, expiry,
 * enabled). A new rate limit counts from the current window on; a new window length applies from
 * the next window.
 */
public final class UpdateKey implements Endpoint<UpdateKey.Request, ApiKey> {

  /** @param expiresAt null: the key does not expire */
  public record Request(String name, List<String> scopes, ApiKey.RateLimit rateLimit, Instant expiresAt, Boolean enabled)
      implements Validatable {
    @Override
    public void validate(Violations v) {
      KeyRules.name(v, name);
      KeyRules.scopes(v, scopes);
      if (v.required("rate_limit", rateLimit)) {
        KeyRules.rateLimit(v, rateLimit);
      }
      KeyRules.expiresAt(v, expiresAt);
      v.required("enabled", enabled);
    }
  }

  @Override
  public Reply<ApiKey> handle(Call<Request> call) {
    Request r = call.body();
    UUID id = call.pathId("id");
    KeyStore keys = new KeyStore(call.db(), call.caller().organization());
    ApiKey before = keys.lock(id).orElseThrow(() -> ApiException.notFound("API key"));
    if (before.revokedAt() != null) {
      throw new ApiException(ProblemType.CONFLICT, "the key is revoked; a revoked key cannot be changed").code(KeyProblem.KEY_REVOKED);
    }
    KeyRules.mayManage(call.caller(), keys, KeyRules.Strength.of(before),
        new KeyRules.Strength(r.scopes(), r.rateLimit(), r.expiresAt(), before.workspaceId(), before.environment()));
    ApiKey after = keys.update(id, r.name(), r.scopes(), r.rateLimit(), r.expiresAt(), r.enabled());
    Map<String, Object> changes = changes(before, after);
    if (!changes.isEmpty()) {
      call.audit(KeyAction.API_KEY_UPDATED, "api_key", id, Map.of("changes", changes));
    }
    return Reply.ok(after);
  }

  /** {@code {field: {from, to}}} for each setting that changed. */
  private static Map<String, Object> changes(ApiKey before, ApiKey after) {
    return new AuditChanges()
        .field("name", before.name(), after.name())
        .field("scopes", before.scopes(), after.scopes())
        .field("rate_limit", before.rateLimit(), after.rateLimit())
        .field("expires_at", before.expiresAt(), after.expiresAt())
        .field("enabled", before.enabled(), after.enabled())
        .toMap();
  }
}
