package dev.saaskit.identity.organizations;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Page;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.util.List;

/**
 * {@code GET /api/v1/organizations} (signed in): the organizations the caller is a member of. A
 * super_admin gets every organization, filtered by {@code ?q=} (part of the name or slug), {@code
 * ?plan=} and {@code ?include_deleted=true}.
 */
public final class ListOrganizations implements Endpoint<Void, Page<Organization>> {

  @Override
  public Reply<Page<Organization>> handle(Call<Void> call) {
    PageRequest page = call.page();
    Organizations organizations = new Organizations(call.db());
    List<Organization> rows;
    if (call.caller().isSuperAdmin()) {
      rows = organizations.listAll(filter(call, "q"), filter(call, "plan"), includeDeleted(call), page);
    } else {
      rows = organizations.listOfMember(call.caller().user(), page);
    }
    return Reply.ok(Page.of(rows, page, Organization::id));
  }

  private static String filter(Call<Void> call, String name) {
    String value = call.query(name).orElse(null);
    if (value != null && (value.length() > 200 || value.chars().anyMatch(Character::isISOControl))) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, name + " must be at most 200 characters without control characters");
    }
    return value;
  }

  private static boolean includeDeleted(Call<Void> call) {
    String value = call.query("include_deleted").orElse("false");
    if (!value.equals("true") && !value.equals("false")) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, "include_deleted must be true or false");
    }
    return value.equals("true");
  }
}
