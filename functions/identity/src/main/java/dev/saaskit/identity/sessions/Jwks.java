package dev.saaskit.identity.sessions;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /.well-known/jwks.json}: the public parts of every signing key, so that anyone can
 * verify our access tokens. Cacheable for five minutes: a key is published well before it signs
 * (ARCHITECTURE.md, rotation), so a cached copy always has it.
 */
public final class Jwks implements Endpoint<Void, Map<String, Object>> {

  static final String CACHE_CONTROL = "public, max-age=300";

  private final Supplier<SigningKeys> keys;

  public Jwks(Supplier<SigningKeys> keys) {
    this.keys = keys;
  }

  @Override
  public Reply<Map<String, Object>> handle(Call<Void> call) {
    return Reply.ok(keys.get().publicKeys().toJSONObject(true)).withHeader("cache-control", CACHE_CONTROL);
  }
}
