package dev.saaskit.audit;

import dev.saaskit.audit.analytics.GetCosts;
import dev.saaskit.audit.analytics.GetPerformance;
import dev.saaskit.audit.analytics.GetUsage;
import dev.saaskit.audit.analytics.RollUpUsage;
import dev.saaskit.audit.dataexports.CreateDataExport;
import dev.saaskit.audit.dataexports.DataExportMessage;
import dev.saaskit.audit.dataexports.GetDataExport;
import dev.saaskit.audit.dataexports.ProduceDataExport;
import dev.saaskit.audit.exports.CreateAuditExport;
import dev.saaskit.audit.exports.ExportMessage;
import dev.saaskit.audit.exports.GetAuditExport;
import dev.saaskit.audit.exports.ProduceAuditExport;
import dev.saaskit.audit.logs.ListAuditLogs;
import dev.saaskit.audit.retention.ApplyAuditRetention;
import dev.saaskit.audit.usage.IngestUsage;
import dev.saaskit.shared.runtime.DomainFunctions;
import dev.saaskit.shared.runtime.Functions;
import dev.saaskit.shared.runtime.Lazy;
import dev.saaskit.shared.storage.ObjectStorage;
import dev.saaskit.shared.storage.S3ObjectStorage;

/** The audit module's functions; {@code MAIN_CLASS} of the audit artifact. */
public final class AuditFunctions extends DomainFunctions {

  public AuditFunctions() {
    super("audit");
  }

  @Override
  protected void register(Functions f) {
    // Only the functions that touch files build the S3 client, on their first use.
    Lazy<ObjectStorage> storage = new Lazy<>(() -> S3ObjectStorage.fromSettings(f.platform().outbound()));
    f.http(ListAuditLogs.class, Void.class, ListAuditLogs::new);
    f.http(CreateAuditExport.class, CreateAuditExport.Request.class, CreateAuditExport::new);
    f.http(GetAuditExport.class, Void.class, () -> new GetAuditExport(storage));
    f.queue(ProduceAuditExport.class, ExportMessage.class, () -> new ProduceAuditExport(storage));
    f.http(CreateDataExport.class, Void.class, CreateDataExport::new);
    f.http(GetDataExport.class, Void.class, () -> new GetDataExport(storage));
    f.queue(ProduceDataExport.class, DataExportMessage.class, () -> new ProduceDataExport(storage));
    f.schedule(ApplyAuditRetention.class, () -> new ApplyAuditRetention(storage));
    f.schedule(RollUpUsage.class, RollUpUsage::new);
    f.http(GetUsage.class, Void.class, GetUsage::new);
    f.http(GetPerformance.class, Void.class, GetPerformance::new);
    f.http(GetCosts.class, Void.class, GetCosts::new);
    f.logs(IngestUsage.class, IngestUsage::new);
  }
}
