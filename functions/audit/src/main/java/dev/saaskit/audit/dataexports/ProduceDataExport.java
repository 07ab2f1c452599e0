package dev.saaskit.audit.dataexports;

import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.json.Json;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code data-exports} consumer: writes one organization's data as gzipped JSON Lines to S3
 * under {@code audit/exports/<organization>/data/}, section by section ({@link Section}), each read
 * in keyset batches of {@code DATA_EXPORT_BATCH_SIZE} and streamed through a multipart upload, so
 * neither the rows nor the file are ever held whole.
 *
 * <p>It works outside a transaction: the claim, each batch's progress and the outcome commit on
 * their own, so the status route shows the progress while the file is written and no row stays
 * locked for minutes. A second delivery of the message finds the export claimed by a live attempt,
 * or written, and does nothing; an attempt older than the function's timeout is dead and is taken
 * over, and its own writes then change nothing. A failure puts the export back in the queue for
 * SQS's next delivery; on the last receive it is marked failed and the message goes to the DLQ.
 */
public final class ProduceDataExport implements QueueConsumer<DataExportMessage> {

  static final String QUEUE = "data-exports";
  /** The catalog's max_receives of this consumer: the receive after which SQS gives the message to its DLQ. */
  static final int LAST_RECEIVE = 3;
  /** The catalog's timeout of this consumer: an attempt claimed longer ago than this has ended. */
  static final Duration TIMEOUT = Duration.ofSeconds(900);
  static final String CONTENT_TYPE = "application/gzip";

  private final Supplier<ObjectStorage> storage;

  public ProduceDataExport(Supplier<ObjectStorage> storage) {
    this.storage = storage;
  }

  /** The attempt lost its claim to a later one, which writes the file instead. */
  private static final class Superseded extends RuntimeException {
    Superseded() {
      super("the export was taken over by a later attempt", null, false, false);
    }
  }

  @Override
  public void consume(Delivery<DataExportMessage> delivery) {
    DataExportStore exports = new DataExportStore(delivery.autocommitDb());
    DataExportMessage message = delivery.message();
    OptionalInt claimed = exports.claim(message.exportId(), message.organizationId(), TIMEOUT);
    if (claimed.isEmpty()) {
      return;
    }
    int attempt = claimed.getAsInt();
    UUID id = message.exportId();
    // Under audit/exports/, which the bucket expires (deployment): the file goes even if its row went with its organization.
    String key = "audit/exports/" + message.organizationId() + "/data/" + id + ".jsonl.gz";
    OrganizationData data = new OrganizationData(delivery.autocommitDb(), message.organizationId());
    int batchSize = Math.max(1, Settings.getInt("DATA_EXPORT_BATCH_SIZE", 1000));
    try {
      long[] rows = {0};
      long size = storage.get().write(key, CONTENT_TYPE, out -> {
        GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024);
        Writer writer = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 64 * 1024);
        rows[0] = write(data, exports, id, attempt, batchSize, writer);
        writer.flush();
        gzip.finish();
      });
      if (!exports.completed(id, attempt, rows[0], size, key, Settings.getInt("DATA_EXPORT_FILE_DAYS", 7))) {
        Log.info("data_export_superseded", Map.of("export_id", id, "attempt", attempt));
      }
    } catch (Superseded e) {
      Log.info("data_export_superseded", Map.of("export_id", id, "attempt", attempt));
    } catch (IOException | RuntimeException e) {
      if (delivery.receiveCount() < LAST_RECEIVE) {
        exports.requeue(id, attempt);
      } else {
        Log.error("data_export_failed", Map.of("export_id", id), e);
        exports.failed(id, attempt, "the file could not be written; ask for a new export");
      }
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** Every section's lines; answers how many. Progress is recorded after each batch, or the attempt stops once superseded. */
  private static long write(OrganizationData data, DataExportStore exports, UUID id, int attempt, int batchSize, Writer out)
      throws IOException {
    long rows = 0;
    for (Section section : Section.values()) {
      UUID after = null;
      boolean more;
      do {
        List<? extends Section.Line> batch = section.read(data, after, batchSize);
        for (Section.Line line : batch) {
          out.write(line(section, line));
          out.write('\n');
        }
        rows += batch.size();
        more = batch.size() == batchSize;
        after = more ? batch.getLast().key() : null;
        boolean held = more ? exports.progress(id, attempt, rows) : exports.sectionDone(id, attempt, section.type, rows);
        if (!held) {
          throw new Superseded();
        }
      } while (more);
    }
    return rows;
  }

  /** {@code {"type": "<section>", ...the line's fields}}. */
  static String line(Section section, Section.Line line) {
    ObjectNode node = Json.object().put("type", section.type);
    node.setAll((ObjectNode) Json.MAPPER.valueToTree(line.fields()));
    return Json.write(node);
  }
}
