package dev.saaskit.audit.dataexports;

import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.storage.ObjectStorage;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/exports/{id}}: the export's status and progress and, once written, a presigned
 * link to its file valid for {@code DATA_EXPORT_LINK_SECONDS} (900 by default), made anew on each
 * call. Another organization's export is not found.
 */
public final class GetDataExport implements Endpoint<Void, DataExport> {

  private final Supplier<ObjectStorage> storage;

  public GetDataExport(Supplier<ObjectStorage> storage) {
    this.storage = storage;
  }

  @Override
  public Reply<DataExport> handle(Call<Void> call) {
    DataExportStore.Stored export = new DataExportStore(call.db())
        .find(call.pathId("id"), call.caller().organization())
        .orElseThrow(() -> ApiException.notFound("export"));
    if (export.objectKey() == null) {
      return Reply.ok(export.view());
    }
    Duration valid = Settings.getSeconds("DATA_EXPORT_LINK_SECONDS", Duration.ofMinutes(15));
    String fileName = "data-export-" + export.id() + ".jsonl.gz";
    return Reply.ok(export.view().withDownload(
        storage.get().presignDownload(export.objectKey(), ProduceDataExport.CONTENT_TYPE, fileName, valid), call.now().plus(valid)));
  }
}
