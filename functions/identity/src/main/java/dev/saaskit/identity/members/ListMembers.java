package dev.saaskit.identity.members;

import dev.saaskit.identity.organizations.Organization;
import dev.saaskit.identity.organizations.Organizations;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Page;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;

/** {@code GET /api/v1/organizations/{id}/members} (member): the members with their roles. */
public final class ListMembers implements Endpoint<Void, Page<Member>> {

  @Override
  public Reply<Page<Member>> handle(Call<Void> call) {
    PageRequest page = call.page();
    Organization org = Organizations.addressed(call);
    return Reply.ok(Page.of(new Members(call.db()).list(org.id(), page), page, Member::userId));
  }
}
