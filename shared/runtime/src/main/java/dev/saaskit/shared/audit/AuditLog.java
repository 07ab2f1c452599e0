package dev.saaskit.shared.audit;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.json.Json;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Appends audit entries inside the caller's transaction, so an entry exists exactly when its change does. */
public final class AuditLog {

  private static final Pattern SECRET =
      Pattern.compile(".*(password|secret|token|authorization|cookie|api_key|private|credential|hash).*");

  private AuditLog() {}

  public static void append(Handle db, AuditEntry e) {
    db.createUpdate(
            """
            insert into audit_logs (id, organization_id, actor_user_id, actor_api_key_id, action, resource_type,
                                    resource_id, request_id, ip, user_agent, details)
            values (:id, :org, :user, :key, :action, :type, :resource, :request, :ip, :agent, cast(:details as jsonb))
            """)
        .bind("id", Ids.newId())
        .bind("org", e.organizationId())
        .bind("user", e.actorUserId())
        .bind("key", e.actorApiKeyId())
        .bind("action", e.action())
        .bind("type", e.resourceType())
        .bind("resource", e.resourceId())
        .bind("request", e.requestId())
        .bind("ip", e.ip())
        .bind("agent", e.userAgent())
        .bind("details", Json.write(redact(e.details() == null ? Map.of() : e.details())))
        .execute();
  }

  /** A copy of the details without values under secret-looking keys, at any depth. */
  public static Map<String, Object> redact(Map<String, ?> details) {
    Map<String, Object> out = new LinkedHashMap<>();
    details.forEach((key, value) -> {
      if (SECRET.matcher(key.toLowerCase(Locale.ROOT)).matches()) {
        out.put(key, "[redacted]");
      } else if (value instanceof Map<?, ?> nested) {
        Map<String, Object> copy = new LinkedHashMap<>();
        nested.forEach((k, v) -> copy.put(String.valueOf(k), v));
        out.put(key, redact(copy));
      } else {
        out.put(key, value);
      }
    });
    return out;
  }
}
