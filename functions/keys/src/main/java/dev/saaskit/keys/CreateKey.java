package dev.saaskit.keys;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.identity.ApiKeyFormat;
import dev.saaskit.shared.limits.Limits;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/keys}: a new key of the caller's organization, within its plan's number of
 * keys (revoked keys do not count). The answer carries the key's secret; it is the only time anyone
 * sees it, since only its hash is stored.
 */
public final class CreateKey implements Endpoint<CreateKey.Request, CreateKey.Response> {

  /**
   * @param environment {@code live} (default) or {@code test}: what the secret starts with
   * @param rateLimit default {@link ApiKey.RateLimit#DEFAULT}
   */
  public record Request(
      String name, List<String> scopes, Instant expiresAt, ApiKey.RateLimit rateLimit, UUID workspaceId, String environment)
      implements Validatable {
    @Override
    public void validate(Violations v) {
      KeyRules.name(v, name);
      KeyRules.scopes(v, scopes);
      KeyRules.rateLimit(v, rateLimit);
      KeyRules.expiresAt(v, expiresAt);
      v.oneOf("environment", environment, List.of(ApiKeyFormat.LIVE, ApiKeyFormat.TEST));
    }
  }

  /** @param key the secret, shown this once */
  public record Response(String key, ApiKey apiKey) {}

  /** The answer holds the secret: an {@code Idempotency-Key} replay would have to store it. */
  @Override
  public boolean answersWithSecrets() {
    return true;
  }

  @Override
  public Reply<Response> handle(Call<Request> call) {
    Request r = call.body();
    UUID organization = call.caller().organization();
    KeyStore keys = new KeyStore(call.db(), organization);
    String environment = r.environment() == null ? ApiKeyFormat.LIVE : r.environment();
    ApiKey.RateLimit rateLimit = r.rateLimit() == null ? ApiKey.RateLimit.DEFAULT : r.rateLimit();
    KeyRules.mayManage(call.caller(), keys, new KeyRules.Strength(r.scopes(), rateLimit, r.expiresAt(), r.workspaceId(), environment));
    Limits.ensureRoom(call.db(), organization, Limits.Limit.API_KEYS, 1);
    if (r.workspaceId() != null && !keys.hasWorkspace(r.workspaceId())) {
      throw ApiException.invalid("workspace_id", "is not a workspace of the organization");
    }
    String secret = ApiKeyFormat.generate(environment);
    ApiKey key = keys.insert(Ids.newId(), call.caller().userId(), r.name(), secret, r.scopes(), rateLimit, r.workspaceId(), r.expiresAt());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("name", key.name());
    details.put("prefix", key.prefix());
    details.put("scopes", key.scopes());
    details.put("rate_limit", key.rateLimit());
    details.put("expires_at", key.expiresAt());
    call.audit(KeyAction.API_KEY_CREATED, "api_key", key.id(), details);
    return Reply.created(new Response(secret, key)).withHeader("location", "/api/v1/keys/" + key.id());
  }
}
