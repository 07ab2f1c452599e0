package dev.saaskit.keys;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import java.util.Map;
import java.util.UUID;

/**
 * {@code DELETE /api/v1/keys/{id}}: revokes a key for good; every secret of it stops working at
 * once. The key stays listed as revoked. Revoking it again changes nothing.
 */
public final class RevokeKey implements Endpoint<Void, Void> {

  @Override
  public Reply<Void> handle(Call<Void> call) {
    UUID id = call.pathId("id");
    KeyStore keys = new KeyStore(call.db(), call.caller().organization());
    ApiKey key = keys.lock(id).orElseThrow(() -> ApiException.notFound("API key"));
    if (key.revokedAt() == null) {
      KeyRules.mayManage(call.caller(), keys, KeyRules.Strength.of(key));
      keys.revoke(id);
      call.audit(KeyAction.API_KEY_REVOKED, "api_key", id, Map.of("name", key.name(), "prefix", key.prefix()));
    }
    return Reply.noContent();
  }
}
