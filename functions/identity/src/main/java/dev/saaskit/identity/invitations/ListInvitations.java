package dev.saaskit.identity.invitations;

import dev.saaskit.identity.organizations.Organization;
import dev.saaskit.identity.organizations.Organizations;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Page;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;

/** {@code GET /api/v1/organizations/{id}/invitations} (org_admin, super_admin): the pending invitations. */
public final class ListInvitations implements Endpoint<Void, Page<Invitation>> {

  @Override
  public Reply<Page<Invitation>> handle(Call<Void> call) {
    PageRequest page = call.page();
    Organization org = Organizations.addressed(call);
    return Reply.ok(Page.of(new Invitations(call.db()).pending(org.id(), call.now(), page), page, Invitation::id));
  }
}
