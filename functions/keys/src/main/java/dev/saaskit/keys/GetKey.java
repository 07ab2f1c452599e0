package dev.saaskit.keys;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;

/** {@code GET /api/v1/keys/{id}}: one key of the organization. */
public final class GetKey implements Endpoint<Void, ApiKey> {

  @Override
  public Reply<ApiKey> handle(Call<Void> call) {
    return new KeyStore(call.db(), call.caller().organization()).find(call.pathId("id"))
        .map(Reply::ok)
        .orElseThrow(() -> ApiException.notFound("API key"));
  }
}
