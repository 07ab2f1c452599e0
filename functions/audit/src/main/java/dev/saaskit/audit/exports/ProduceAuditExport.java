package dev.saaskit.audit.exports;

import dev.saaskit.audit.logs.AuditLogEntry;
import dev.saaskit.audit.logs.AuditLogStore;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.log.Log;
import dev.saaskit.shared.queue.Delivery;
import dev.saaskit.shared.queue.QueueConsumer;
import dev.saaskit.shared.storage.ObjectStorage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The {@code audit-exports} consumer: writes one export's entries, newest first, to S3 under {@code
 * audit/<organization>/exports/}. The entries are read in keyset batches and streamed through a
 * multipart upload, so neither the rows nor the file are ever held whole. The export's row stays
 * locked while it is written: a second delivery waits, then finds it written and does nothing. A
 * failure is retried by SQS; on the last receive the export is marked failed.
 */
public final class ProduceAuditExport implements QueueConsumer<ExportMessage> {

  static final String QUEUE = "audit-exports";
  /** The catalog's max_receives of this consumer: the receive after which SQS gives the message to its DLQ. */
  static final int LAST_RECEIVE = 3;
  static final int BATCH = 1000;

  private final Supplier<ObjectStorage> storage;

  public ProduceAuditExport(Supplier<ObjectStorage> storage) {
    this.storage = storage;
  }

  @Override
  public void consume(Delivery<ExportMessage> delivery) {
    ExportStore exports = new ExportStore(delivery.db());
    ExportMessage message = delivery.message();
    ExportStore.Stored export = exports.lockQueued(message.exportId(), message.organizationId()).orElse(null);
    if (export == null) {
      return;
    }
    // Under audit/exports/, which the bucket expires (deployment): the file goes even if its row went with its organization.
    String key = "audit/exports/" + export.organizationId() + "/" + export.id() + "." + export.format().code();
    try {
      long[] rows = {0};
      long size = storage.get().write(key, export.format().contentType, out -> {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        rows[0] = write(new AuditLogStore(delivery.db()), export, writer);
        writer.flush();
      });
      exports.succeeded(export.id(), rows[0], size, key, Settings.getInt("AUDIT_EXPORT_FILE_DAYS", 7));
    } catch (IOException | RuntimeException e) {
      if (delivery.receiveCount() < LAST_RECEIVE) {
        throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
      }
      Log.error("audit_export_failed", Map.of("export_id", export.id()), e);
      exports.failed(export.id(), "the file could not be written; ask for a new export");
    }
  }

  private static long write(AuditLogStore entries, ExportStore.Stored export, Writer out) throws IOException {
    export.format().begin(out);
    long rows = 0;
    UUID before = null;
    List<AuditLogEntry> batch;
    do {
      batch = entries.list(export.filter(), before, BATCH);
      for (AuditLogEntry e : batch) {
        export.format().write(out, e);
      }
      rows += batch.size();
      before = batch.isEmpty() ? null : batch.get(batch.size() - 1).id();
    } while (batch.size() == BATCH);
    return rows;
  }
}
