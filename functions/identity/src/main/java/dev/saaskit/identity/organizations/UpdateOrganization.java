package dev.saaskit.identity.organizations;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.shared.audit.AuditChanges;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code PUT /api/v1/organizations/{id}} (org_admin, super_admin): changes the fields sent and
 * keeps the others. {@code settings} is replaced as a whole. Only a super_admin changes the plan.
 */
public final class UpdateOrganization implements Endpoint<UpdateOrganization.Request, Organization> {

  public record Request(String name, String slug, String plan, JsonNode settings, List<String> allowedEmailDomains) implements Validatable {
    @Override
    public void validate(Violations v) {
      if (name == null && slug == null && plan == null && settings == null && allowedEmailDomains == null) {
        v.add("body", "must change at least one of name, slug, plan, settings, allowed_email_domains");
        return;
      }
      v.optionalText("name", name, OrganizationFields.MAX_NAME);
      if (slug != null) {
        OrganizationFields.slug(v, slug);
      }
      OrganizationFields.plan(v, plan);
      OrganizationFields.settings(v, settings);
      OrganizationFields.emailDomains(v, allowedEmailDomains);
    }
  }

  @Override
  public Reply<Organization> handle(Call<Request> call) {
    Request r = call.body();
    Organization before = Organizations.addressed(call);
    Organizations organizations = new Organizations(call.db());
    if (r.plan() != null && !r.plan().equals(before.plan())) {
      if (!call.caller().isSuperAdmin()) {
        throw new ApiException(ProblemType.FORBIDDEN, "only a super_admin changes an organization's plan");
      }
      organizations.requirePlan(r.plan());
    }
    Organization after = organizations.update(before.id(), r.name(), r.slug(), r.plan(), r.settings(), r.allowedEmailDomains(), call.now());
    call.audit(after.id(), call.caller().userId(), IdentityAction.ORGANIZATION_UPDATED, "organization", after.id(), changes(before, after));
    return Reply.ok(after);
  }

  /** What changed; settings only as replaced, their content may be large. */
  private static Map<String, Object> changes(Organization before, Organization after) {
    return new AuditChanges()
        .field("name", before.name(), after.name())
        .field("slug", before.slug(), after.slug())
        .field("plan", before.plan(), after.plan())
        .field("allowed_email_domains", before.allowedEmailDomains(), after.allowedEmailDomains())
        .replaced("settings", before.settings(), after.settings())
        .toMap();
  }
}
