package dev.saaskit.identity.organizations;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/organizations} (super_admin): creates an organization without members; its
 * first org_admin joins through an invitation.
 */
public final class CreateOrganization implements Endpoint<CreateOrganization.Request, Organization> {

  /** {@code plan} defaults to free, {@code settings} to {}, {@code allowed_email_domains} to none. */
  public record Request(String name, String slug, String plan, JsonNode settings, List<String> allowedEmailDomains) implements Validatable {
    @Override
    public void validate(Violations v) {
      v.text("name", name, OrganizationFields.MAX_NAME);
      OrganizationFields.slug(v, slug);
      OrganizationFields.plan(v, plan);
      OrganizationFields.settings(v, settings);
      OrganizationFields.emailDomains(v, allowedEmailDomains);
    }
  }

  @Override
  public Reply<Organization> handle(Call<Request> call) {
    Request r = call.body();
    Organizations organizations = new Organizations(call.db());
    String plan = r.plan() == null ? Organizations.DEFAULT_PLAN : r.plan();
    organizations.requirePlan(plan);
    UUID id = Ids.newId();
    Organization created = organizations
        .insert(id, r.name(), r.slug(), plan, r.settings() == null ? Json.object() : r.settings(),
            r.allowedEmailDomains() == null ? List.of() : r.allowedEmailDomains(), call.now())
        .orElseThrow(() -> Organizations.slugTaken(r.slug()));
    call.audit(id, call.caller().userId(), IdentityAction.ORGANIZATION_CREATED, "organization", id,
        Map.of("name", created.name(), "slug", created.slug(), "plan", created.plan()));
    return Reply.created(created).withHeader("location", "/api/v1/organizations/" + id);
  }
}
