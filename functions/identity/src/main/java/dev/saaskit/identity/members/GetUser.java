package dev.saaskit.identity.members;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;

/**
 * {@code GET /api/v1/users/{id}}: one account with its membership in the caller's organization. An
 * org_admin sees members of its organization only (anyone else is 404); a super_admin sees any
 * live account.
 */
public final class GetUser implements Endpoint<Void, Directory.UserView> {

  @Override
  public Reply<Directory.UserView> handle(Call<Void> call) {
    return Reply.ok(new Directory(call.db()).find(call.caller(), call.pathId("id")).orElseThrow(() -> ApiException.notFound("user")));
  }
}
