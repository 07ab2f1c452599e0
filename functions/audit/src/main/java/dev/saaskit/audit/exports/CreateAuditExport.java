package dev.saaskit.audit.exports;

import dev.saaskit.audit.AuditTrailAction;
import dev.saaskit.audit.logs.AuditFilter;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/audit-logs/exports}: the entries the list's filters select, as CSV or JSON
 * Lines, written to S3 by the {@code audit-exports} consumer; 202 with the export, whose status
 * {@code GET /api/v1/audit-logs/exports/{id}} follows.
 */
public final class CreateAuditExport implements Endpoint<CreateAuditExport.Request, AuditExport> {

  public record Request(
      String format,
      UUID organizationId,
      UUID actorUserId,
      UUID actorApiKeyId,
      String action,
      String resourceType,
      String resourceId,
      Instant from,
      Instant to) implements Validatable {

    @Override
    public void validate(Violations v) {
      if (v.required("format", format)) {
        v.oneOf("format", format, ExportFormat.CODES);
      }
      v.optionalText("action", action, 100);
      v.optionalText("resource_type", resourceType, 100);
      v.optionalText("resource_id", resourceId, 200);
      if (from != null && to != null && !from.isBefore(to)) {
        v.add("to", "must be after from");
      }
    }
  }

  @Override
  public Reply<AuditExport> handle(Call<Request> call) {
    Request r = call.body();
    AuditFilter filter = new AuditFilter(AuditFilter.scope(call.caller(), r.organizationId()), r.actorUserId(), r.actorApiKeyId(),
        r.action(), r.resourceType(), r.resourceId(), r.from(), r.to());
    UUID id = Ids.newId();
    UUID organization = call.caller().organization();
    ExportFormat format = ExportFormat.of(r.format());
    ExportStore store = new ExportStore(call.db());
    store.create(id, organization, call.caller().userId(), call.caller().apiKeyId(), format, filter);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("format", format.code());
    details.put("scope_organization_id", filter.organizationId() == null ? "all" : filter.organizationId().toString());
    call.audit(AuditTrailAction.AUDIT_EXPORT_CREATED, "audit_export", id, details);
    call.publish(ProduceAuditExport.QUEUE, new ExportMessage(id, organization));
    return Reply.accepted(store.find(id, organization, true).orElseThrow().view());
  }
}
