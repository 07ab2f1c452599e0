package dev.saaskit.audit.dataexports;

import dev.saaskit.audit.AuditTrailAction;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/exports}: queues an export of everything the caller's organization holds,
 * written to S3 by the {@code data-exports} consumer; 202 with the export, whose status {@code GET
 * /api/v1/exports/{id}} follows. One export of an organization at a time (409 {@code
 * export_in_progress}), and at most {@code DATA_EXPORTS_PER_DAY} (5) in 24 hours (429 {@code
 * too_many_exports}).
 */
public final class CreateDataExport implements Endpoint<Void, DataExport> {

  static final Duration DAY = Duration.ofDays(1);

  @Override
  public Reply<DataExport> handle(Call<Void> call) {
    UUID organization = call.caller().organization();
    DataExportStore exports = new DataExportStore(call.db());
    // An export not written within a day lost its message to every receive timing out.
    exports.abandonOlderThan(organization, DAY);
    exports.inProgress(organization).ifPresent(running -> {
      throw inProgress(running);
    });
    int perDay = Settings.getInt("DATA_EXPORTS_PER_DAY", 5);
    DataExportStore.Recent recent = exports.recent(organization, DAY);
    if (recent.count() >= perDay) {
      long seconds = recent.oldest() == null ? DAY.toSeconds() : Math.max(1, Duration.between(call.now(), recent.oldest().plus(DAY)).toSeconds());
      throw new ApiException(ProblemType.RATE_LIMITED,
          "at most " + perDay + " data exports in 24 hours; try again in " + seconds + " seconds")
          .code(DataExportProblem.TOO_MANY_EXPORTS)
          .header("retry-after", String.valueOf(seconds));
    }
    UUID id = Ids.newId();
    if (!exports.create(id, organization, call.caller().userId())) {
      // A concurrent request queued one first.
      throw inProgress(exports.inProgress(organization).orElse(null));
    }
    call.audit(AuditTrailAction.DATA_EXPORT_CREATED, "data_export", id, Map.of());
    call.publish(ProduceDataExport.QUEUE, new DataExportMessage(id, organization));
    return Reply.accepted(exports.find(id, organization).orElseThrow().view());
  }

  private static ApiException inProgress(UUID running) {
    ApiException e = new ApiException(ProblemType.CONFLICT, "the organization's previous export is still in progress; wait for it")
        .code(DataExportProblem.EXPORT_IN_PROGRESS);
    return running == null ? e : e.extension("export_id", running);
  }
}
