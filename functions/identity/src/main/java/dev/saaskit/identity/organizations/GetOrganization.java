package dev.saaskit.identity.organizations;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;

/**
 * {@code GET /api/v1/organizations/{id}} (member, or an API key with {@code organizations:read}): the
 * organization. A super_admin reads any, deleted ones too.
 */
public final class GetOrganization implements Endpoint<Void, Organization> {

  @Override
  public Reply<Organization> handle(Call<Void> call) {
    return Reply.ok(Organizations.addressedOrDeleted(call));
  }
}
