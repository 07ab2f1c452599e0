package dev.saaskit.audit.logs;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Page;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;

/**
 * {@code GET /api/v1/audit-logs}: the audit trail, newest first. An org_admin (or an {@code
 * audit:read} key) reads its organization's; a super_admin every organization's, or one with {@code
 * ?organization_id=}. Narrowed by {@code ?actor_user_id=&actor_api_key_id=&action=&resource_type=
 * &resource_id=&from=&to=}; paged with {@code ?limit=&cursor=}.
 */
public final class ListAuditLogs implements Endpoint<Void, Page<AuditLogEntry>> {

  @Override
  public Reply<Page<AuditLogEntry>> handle(Call<Void> call) {
    PageRequest page = call.page();
    AuditFilter filter = AuditFilter.fromQuery(call);
    return Reply.ok(Page.of(new AuditLogStore(call.db()).list(filter, page.after(), page.fetchSize()), page, AuditLogEntry::id));
  }
}
