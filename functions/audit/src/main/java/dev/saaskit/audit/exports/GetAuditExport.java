package dev.saaskit.audit.exports;

import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.storage.ObjectStorage;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/audit-logs/exports/{id}}: the export's status and, once written, a presigned
 * link to its file valid for {@code AUDIT_EXPORT_LINK_SECONDS} (900 by default), made anew on each
 * call. Only the organization that asked sees it; an export across organizations only super_admins.
 */
public final class GetAuditExport implements Endpoint<Void, AuditExport> {

  private final Supplier<ObjectStorage> storage;

  public GetAuditExport(Supplier<ObjectStorage> storage) {
    this.storage = storage;
  }

  @Override
  public Reply<AuditExport> handle(Call<Void> call) {
    ExportStore.Stored export = new ExportStore(call.db())
        .find(call.pathId("id"), call.caller().organization(), call.caller().isSuperAdmin())
        .orElseThrow(() -> ApiException.notFound("export"));
    if (export.objectKey() == null) {
      return Reply.ok(export.view());
    }
    Duration valid = Settings.getSeconds("AUDIT_EXPORT_LINK_SECONDS", Duration.ofMinutes(15));
    return Reply.ok(export.view().withDownload(
        storage.get().presignDownload(export.objectKey(), export.format().contentType, export.format().fileName(export.id()), valid),
        call.now().plus(valid)));
  }
}
