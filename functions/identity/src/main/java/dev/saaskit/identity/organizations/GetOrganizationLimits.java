package dev.saaskit.identity.organizations;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.limits.Limits;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/v1/organizations/{id}/limits} (member, or an API key with {@code organizations:read}):
 * the plan, and per limit its value (null: unlimited) and the current usage.
 */
public final class GetOrganizationLimits implements Endpoint<Void, GetOrganizationLimits.Response> {

  /** {@code limits} by code: members, workspaces, api_keys, storage_bytes, api_requests_per_month, concurrent_job_steps. */
  public record Response(UUID organizationId, String plan, Map<String, Limits.Usage> limits) {}

  @Override
  public Reply<Response> handle(Call<Void> call) {
    Organization org = Organizations.addressed(call);
    Limits.Report report = Limits.report(call.db(), org.id()).orElseThrow();
    Map<String, Limits.Usage> limits = new LinkedHashMap<>();
    report.limits().forEach((limit, usage) -> limits.put(limit.code(), usage));
    return Reply.ok(new Response(org.id(), report.plan(), limits));
  }
}
