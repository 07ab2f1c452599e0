package dev.saaskit.audit.logs;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.Query;
import dev.saaskit.shared.json.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads {@code audit_logs} (the runtime's, read_by audit in migrations/ownership.yaml): newest first,
 * keyset-paged on the time-ordered id, narrowed by a filter whose scope is its organization.
 */
public final class AuditLogStore {

  private final Handle db;

  public AuditLogStore(Handle db) {
    this.db = db;
  }

  /** At most {@code limit} entries the filter selects, newest first, older than {@code before} when given. */
  public List<AuditLogEntry> list(AuditFilter f, UUID before, int limit) {
    StringBuilder sql = new StringBuilder(
        """
        select id, organization_id, actor_user_id, actor_api_key_id, action, resource_type, resource_id, request_id,
               ip, user_agent, details::text as details, created_at
          from audit_logs
         where true""");
    Map<String, Object> values = new LinkedHashMap<>();
    condition(sql, values, "organization_id = :org", "org", f.organizationId());
    condition(sql, values, "actor_user_id = :actor_user", "actor_user", f.actorUserId());
    condition(sql, values, "actor_api_key_id = :actor_key", "actor_key", f.actorApiKeyId());
    condition(sql, values, "action = :action", "action", f.action());
    condition(sql, values, "resource_type = :resource_type", "resource_type", f.resourceType());
    condition(sql, values, "resource_id = :resource_id", "resource_id", f.resourceId());
    condition(sql, values, "created_at >= :from", "from", f.from());
    condition(sql, values, "created_at < :to", "to", f.to());
    condition(sql, values, "id < :before", "before", before);
    sql.append("\n order by id desc limit :limit");
    Query query = db.createQuery(sql.toString()).bind("limit", limit);
    values.forEach((name, value) -> {
      switch (value) {
        case UUID id -> query.bind(name, id);
        case Instant instant -> query.bind(name, instant);
        default -> query.bind(name, value.toString());
      }
    });
    return query.map(rs -> new AuditLogEntry(
            rs.getObject("id", UUID.class),
            rs.getObject("organization_id", UUID.class),
            rs.getObject("actor_user_id", UUID.class),
            rs.getObject("actor_api_key_id", UUID.class),
            rs.getString("action"),
            rs.getString("resource_type"),
            rs.getString("resource_id"),
            rs.getString("request_id"),
            rs.getString("ip"),
            rs.getString("user_agent"),
            Json.tree(rs.getString("details")),
            rs.getObject("created_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  /** Adds {@code condition} with its one parameter's value, where the filter has one. */
  private static void condition(StringBuilder sql, Map<String, Object> values, String condition, String name, Object value) {
    if (value != null) {
      sql.append("\n   and ").append(condition);
      values.put(name, value);
    }
  }
}
