package dev.saaskit.audit.usage;

import dev.saaskit.shared.db.Handle;
import java.util.List;
import java.util.UUID;

/** Appends to {@code request_records}. */
final class RequestRecords {

  private RequestRecords() {}

  /**
   * Inserts the records in one statement, one array per column; a record whose id is stored
   * already (a batch CloudWatch delivered again) is left as it is. Answers how many were new.
   */
  static int insert(Handle db, List<RequestRecord> records) {
    return db.createUpdate(
            """
            insert into request_records (record_id, occurred_at, organization_id, function_name, trigger, route, status_class,
                                         duration_ms, billed_ms, memory_mb, cold_start)
            select * from unnest(:record_ids, cast(:occurred_at as timestamptz[]), :organization_ids, :function_names, :triggers,
                                 :routes, cast(:status_classes as smallint[]), cast(:durations as numeric[]), :billed, :memory, :cold_starts)
            on conflict (record_id) do nothing
            """)
        .bindArray("record_ids", String.class, records.stream().map(RequestRecord::recordId).toList())
        .bindArray("occurred_at", String.class, records.stream().map(r -> r.occurredAt().toString()).toList())
        .bindArray("organization_ids", UUID.class, records.stream().map(RequestRecord::organizationId).toList())
        .bindArray("function_names", String.class, records.stream().map(RequestRecord::functionName).toList())
        .bindArray("triggers", String.class, records.stream().map(RequestRecord::trigger).toList())
        .bindArray("routes", String.class, records.stream().map(RequestRecord::route).toList())
        .bindArray("status_classes", Integer.class, records.stream().map(RequestRecord::statusClass).toList())
        .bindArray("durations", Double.class, records.stream().map(RequestRecord::durationMs).toList())
        .bindArray("billed", Integer.class, records.stream().map(RequestRecord::billedMs).toList())
        .bindArray("memory", Integer.class, records.stream().map(RequestRecord::memoryMb).toList())
        .bindArray("cold_starts", Boolean.class, records.stream().map(RequestRecord::coldStart).toList())
        .execute();
  }
}
