package dev.saaskit.identity.accounts;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;

/** {@code GET /api/v1/me}: the signed-in account's profile. */
public final class GetMe implements Endpoint<Void, Profile> {

  @Override
  public Reply<Profile> handle(Call<Void> call) {
    return Reply.ok(Profile.load(call));
  }
}
