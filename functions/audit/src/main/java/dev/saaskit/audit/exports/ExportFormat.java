package dev.saaskit.audit.exports;

import dev.saaskit.audit.logs.AuditLogEntry;
import dev.saaskit.shared.json.Json;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The files an export is written as: CSV (RFC 4180, a header row) or JSON Lines (one entry per line, as the list shows it). */
enum ExportFormat {
  CSV("text/csv; charset=utf-8"),
  JSONL("application/x-ndjson");

  static final List<String> CODES = Arrays.stream(values()).map(ExportFormat::code).toList();

  private static final List<String> COLUMNS = List.of("id", "created_at", "organization_id", "actor_user_id", "actor_api_key_id",
      "action", "resource_type", "resource_id", "request_id", "ip", "user_agent", "details");

  final String contentType;

  ExportFormat(String contentType) {
    this.contentType = contentType;
  }

  String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ExportFormat of(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  /** Starts a file: CSV's header row. */
  void begin(Writer out) throws IOException {
    if (this == CSV) {
      out.write(String.join(",", COLUMNS));
      out.write("\r\n");
    }
  }

  void write(Writer out, AuditLogEntry e) throws IOException {
    if (this == JSONL) {
      out.write(Json.write(e));
      out.write("\n");
      return;
    }
    List<Object> cells = Arrays.asList(e.id(), e.createdAt(), e.organizationId(), e.actorUserId(), e.actorApiKeyId(), e.action(),
        e.resourceType(), e.resourceId(), e.requestId(), e.ip(), e.userAgent(), Json.write(e.details()));
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(cell(Objects.toString(cells.get(i), "")));
    }
    out.write("\r\n");
  }

  /**
   * A CSV cell: quoted when it holds a comma, quote or line break, and a value a spreadsheet would
   * run as a formula (a user agent or a detail starting with {@code = + - @}, a tab or a carriage
   * return) prefixed with an apostrophe, which spreadsheets show as text (OWASP's CSV injection advice).
   */
  static String cell(String value) {
    String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  /** The file's name when downloaded. */
  String fileName(Object exportId) {
    return "audit-log-" + exportId + "." + code();
  }
}
