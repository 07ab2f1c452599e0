package dev.saaskit.audit.usage;

import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.logs.LogBatch;
import dev.saaskit.shared.logs.LogEvent;
import dev.saaskit.shared.logs.LogsConsumer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Receives the functions' invocation records from CloudWatch Logs (the emulator locally) and
 * stores each as a row of {@code request_records}, the whole batch in one statement. The log
 * event's id is the row's key: CloudWatch delivers at least once, and a batch delivered again
 * inserts nothing. Lines that are not invocation records are passed over; invocation records that
 * cannot be read, and this function's own (which the subscription filter keeps out, but a
 * hand-made filter might not), are skipped and counted in the result, which the invocation record
 * of this function carries. A failure to store throws: Lambda retries the batch.
 */
public final class IngestUsage implements LogsConsumer {

  private static final Set<String> TRIGGERS = Set.of("http", "sqs", "schedule", "direct");

  @Override
  public Map<String, Object> consume(LogBatch batch) {
    List<RequestRecord> records = new ArrayList<>();
    int malformed = 0;
    int own = 0;
    int other = 0;
    for (LogEvent event : batch.events()) {
      JsonNode line = parse(event.message());
      if (line != null && !"invocation".equals(line.path("event").asString(null))) {
        other++;
      } else if (line != null && batch.receiver().equals(line.path("function").asString(null))) {
        own++;
      } else {
        RequestRecord record = line == null ? null : record(event, line);
        if (record == null) {
          malformed++;
        } else {
          records.add(record);
        }
      }
    }
    int stored = records.isEmpty() ? 0 : RequestRecords.insert(batch.db(), records);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("stored", stored);
    result.put("duplicates", records.size() - stored);
    result.put("malformed", malformed);
    result.put("own_records", own);
    result.put("other_lines", other);
    return result;
  }

  /** The line as JSON; null when it is not a JSON object. */
  private static JsonNode parse(String message) {
    if (message == null) {
      return null;
    }
    String text = message.strip();
    if (!text.startsWith("{")) {
      return null;
    }
    try {
      JsonNode node = Json.MAPPER.readTree(text);
      return node.isObject() ? node : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  /** The row an invocation record makes; null when a field it needs is missing or out of range. */
  private static RequestRecord record(LogEvent event, JsonNode line) {
    String function = line.path("function").asString(null);
    String trigger = line.path("trigger").asString(null);
    JsonNode duration = line.path("duration_ms");
    JsonNode memory = line.path("memory_mb");
    JsonNode cold = line.path("cold_start");
    if (event.id() == null || function == null || function.isBlank() || trigger == null || !TRIGGERS.contains(trigger)
        || !duration.isNumber() || duration.asDouble() < 0 || !memory.isInt() || memory.asInt() <= 0 || !cold.isBoolean()) {
      return null;
    }
    Integer statusClass = statusClass(trigger, line);
    if (statusClass == null) {
      return null;
    }
    UUID organization = null;
    String route = null;
    Instant occurredAt;
    try {
      JsonNode org = line.path("org_id");
      organization = org.isString() ? UUID.fromString(org.asString()) : null;
      occurredAt = line.path("time").isString() ? Instant.parse(line.path("time").asString()) : Instant.ofEpochMilli(event.timestamp());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return null;
    }
    if ("http".equals(trigger) && line.path("route").isString()) {
      route = line.path("route").asString();
    }
    double durationMs = duration.asDouble();
    return new RequestRecord(event.id(), occurredAt, organization, function, trigger, route, statusClass,
        durationMs, (int) Math.ceil(durationMs), memory.asInt(), cold.asBoolean());
  }

  /** HTTP: the status's hundreds; other triggers: 5 when the invocation failed, else 2. */
  private static Integer statusClass(String trigger, JsonNode line) {
    if ("http".equals(trigger)) {
      JsonNode status = line.path("status");
      return status.isInt() && status.asInt() >= 100 && status.asInt() <= 599 ? status.asInt() / 100 : null;
    }
    JsonNode errors = line.path("errors");
    return errors.isInt() ? (errors.asInt() > 0 ? 5 : 2) : null;
  }
}
