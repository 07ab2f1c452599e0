package dev.saaskit.identity.members;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Page;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.util.UUID;

/**
 * {@code GET /api/v1/users?q=&organization_id=&limit=&cursor=}: an org_admin lists the members of
 * its organization; a super_admin lists every account, or the members of {@code organization_id}.
 * {@code q} searches email and full name (case-insensitive substring).
 */
public final class ListUsers implements Endpoint<Void, Page<Directory.UserView>> {

  @Override
  public Reply<Page<Directory.UserView>> handle(Call<Void> call) {
    PageRequest page = call.page();
    String search = call.query("q").orElse(null);
    if (search != null && (search.length() > 200 || search.chars().anyMatch(c -> c < 0x20))) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, "q must be at most 200 characters without control characters");
    }
    UUID own = call.caller().organization();
    UUID asked = call.query("organization_id").map(ListUsers::organizationId).orElse(null);
    Directory directory = new Directory(call.db());
    if (call.caller().isSuperAdmin()) {
      return Reply.ok(Page.of(directory.list(asked == null ? own : asked, asked != null, search, page), page, Directory.UserView::id));
    }
    if (asked != null && !asked.equals(own)) {
      throw ApiException.notFound("organization");
    }
    return Reply.ok(Page.of(directory.list(own, true, search, page), page, Directory.UserView::id));
  }

  private static UUID organizationId(String value) {
    UUID id = Ids.parse(value);
    if (id == null) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, "organization_id must be a UUID");
    }
    return id;
  }
}
