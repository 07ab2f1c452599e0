package dev.saaskit.audit.dataexports;

import static dev.saaskit.shared.db.RowMapper.instant;

import dev.saaskit.audit.logs.AuditFilter;
import dev.saaskit.audit.logs.AuditLogEntry;
import dev.saaskit.audit.logs.AuditLogStore;
import dev.saaskit.shared.db.Handle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One organization's rows of every domain, read for its data export (read_by audit in
 * migrations/ownership.yaml): a batch at a time, in id order, every query filtered by the
 * organization. What a line must not hold is not selected: API keys' secrets and hashes (in
 * api_key_secrets, never read), support's internal notes, notifications' template variables
 * (which may carry a token).
 */
final class OrganizationData {

  /** The first key of an ascending read: UUIDs compare as unsigned bytes, so no id is below it. */
  private static final UUID FIRST = new UUID(0, 0);

  record Member(UUID userId, String email, String fullName, String role, boolean active, Instant joinedAt) implements Section.Line {
    @Override
    public UUID key() {
      return userId;
    }
  }

  record WorkspaceMember(UUID userId, String role, Instant addedAt) {}

  record Workspace(UUID id, String name, String description, Instant createdAt, Instant updatedAt, List<WorkspaceMember> members)
      implements Section.Line {
    @Override
    public UUID key() {
      return id;
    }
  }

  record ApiKey(UUID id, String name, String prefix, String environment, List<String> scopes, UUID workspaceId, boolean enabled,
      Instant expiresAt, Instant revokedAt, UUID createdByUserId, Instant createdAt, Instant lastUsedAt) implements Section.Line {
    @Override
    public UUID key() {
      return id;
    }
  }

  record Ticket(UUID id, UUID requesterId, String subject, String status, String priority, UUID assigneeId, List<String> tags,
      Instant createdAt, Instant updatedAt, Instant firstRespondedAt, Instant solvedAt, Instant closedAt) implements Section.Line {
    @Override
    public UUID key() {
      return id;
    }
  }

  record TicketComment(UUID id, UUID ticketId, UUID authorId, boolean byAgent, String body, Instant createdAt) implements Section.Line {
    @Override
    public UUID key() {
      return id;
    }
  }

  /** One message to one recipient on one channel; in-app ones with their text and inbox state. */
  record Notification(UUID id, UUID notificationId, String channel, UUID userId, String address, String status, String template,
      String category, String subject, String body, Instant sentAt, Instant readAt, Instant archivedAt, Instant createdAt)
      implements Section.Line {
    @Override
    public UUID key() {
      return id;
    }
  }

  /** An audit entry exactly as the list shows it. */
  record AuditLog(AuditLogEntry entry) implements Section.Line {
    @Override
    public UUID key() {
      return entry.id();
    }

    @Override
    public Object fields() {
      return entry;
    }
  }

  private final Handle db;
  private final UUID organization;

  OrganizationData(Handle db, UUID organization) {
    this.db = db;
    this.organization = organization;
  }

  List<Member> members(UUID after, int limit) {
    return db.createQuery(
            """
            select m.user_id, u.email, u.full_name, m.role, m.active, m.created_at
              from organization_members m join users u on u.id = m.user_id
             where m.organization_id = :org and m.user_id > :after
             order by m.user_id limit :limit
            """)
        .bind("org", organization).bind("after", after == null ? FIRST : after).bind("limit", limit)
        .map(rs -> new Member(rs.getObject("user_id", UUID.class), rs.getString("email"), rs.getString("full_name"),
            rs.getString("role"), rs.getBoolean("active"), instant(rs, "created_at")))
        .list();
  }

  /** Workspaces with their members, which are read for the batch's range of workspace ids at once. */
  List<Workspace> workspaces(UUID after, int limit) {
    UUID from = after == null ? FIRST : after;
    List<Workspace> batch = db.createQuery(
            """
            select id, name, description, created_at, updated_at from workspaces
             where organization_id = :org and id > :after
             order by id limit :limit
            """)
        .bind("org", organization).bind("after", from).bind("limit", limit)
        .map(rs -> new Workspace(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
            instant(rs, "created_at"), instant(rs, "updated_at"), new ArrayList<>()))
        .list();
    if (batch.isEmpty()) {
      return batch;
    }
    Map<UUID, List<WorkspaceMember>> members = new HashMap<>();
    batch.forEach(w -> members.put(w.id(), w.members()));
    db.createQuery(
            """
            select workspace_id, user_id, role, created_at from workspace_members
             where organization_id = :org and workspace_id > :after and workspace_id <= :last
             order by workspace_id, user_id
            """)
        .bind("org", organization).bind("after", from).bind("last", batch.getLast().id())
        .map(rs -> Map.entry(rs.getObject("workspace_id", UUID.class),
            new WorkspaceMember(rs.getObject("user_id", UUID.class), rs.getString("role"), instant(rs, "created_at"))))
        .forEach(m -> members.get(m.getKey()).add(m.getValue()));
    return batch;
  }

  /** The keys' settings, never their secrets; the last use is the authenticator's, as the keys domain shows it. */
  List<ApiKey> apiKeys(UUID after, int limit) {
    return db.createQuery(
            """
            select k.id, k.name, k.prefix, k.environment, k.scopes, k.workspace_id, k.enabled, k.expires_at, k.revoked_at,
                   k.created_by_user_id, k.created_at, w.last_used_at
              from api_keys k left join api_key_rate_windows w on w.key_id = k.id
             where k.organization_id = :org and k.id > :after
             order by k.id limit :limit
            """)
        .bind("org", organization).bind("after", after == null ? FIRST : after).bind("limit", limit)
        .map(rs -> new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("prefix"),
            rs.getString("environment"), texts(rs, "scopes"), rs.getObject("workspace_id", UUID.class), rs.getBoolean("enabled"),
            instant(rs, "expires_at"), instant(rs, "revoked_at"), rs.getObject("created_by_user_id", UUID.class),
            instant(rs, "created_at"), instant(rs, "last_used_at")))
        .list();
  }

  List<Ticket> tickets(UUID after, int limit) {
    return db.createQuery(
            """
            select id, requester_id, subject, status, priority, assignee_id, tags, created_at, updated_at, first_responded_at,
                   solved_at, closed_at
              from support_tickets
             where organization_id = :org and id > :after
             order by id limit :limit
            """)
        .bind("org", organization).bind("after", after == null ? FIRST : after).bind("limit", limit)
        .map(rs -> new Ticket(rs.getObject("id", UUID.class), rs.getObject("requester_id", UUID.class), rs.getString("subject"),
            rs.getString("status"), rs.getString("priority"), rs.getObject("assignee_id", UUID.class), texts(rs, "tags"),
            instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "first_responded_at"), instant(rs, "solved_at"),
            instant(rs, "closed_at")))
        .list();
  }

  /** Public replies only: internal notes are the agents' and never leave support. */
  List<TicketComment> ticketComments(UUID after, int limit) {
    return db.createQuery(
            """
            select id, ticket_id, author_id, by_agent, body, created_at from support_comments
             where organization_id = :org and not internal and id > :after
             order by id limit :limit
            """)
        .bind("org", organization).bind("after", after == null ? FIRST : after).bind("limit", limit)
        .map(rs -> new TicketComment(rs.getObject("id", UUID.class), rs.getObject("ticket_id", UUID.class),
            rs.getObject("author_id", UUID.class), rs.getBoolean("by_agent"), rs.getString("body"), instant(rs, "created_at")))
        .list();
  }

  List<Notification> notifications(UUID after, int limit) {
    return db.createQuery(
            """
            select d.id, d.notification_id, d.channel, d.user_id, d.address, d.status, n.template_name, n.category, d.subject, d.body,
                   d.sent_at, d.read_at, d.archived_at, d.created_at
              from notification_deliveries d join notifications n on n.id = d.notification_id and n.organization_id = :org
             where d.organization_id = :org and d.id > :after
             order by d.id limit :limit
            """)
        .bind("org", organization).bind("after", after == null ? FIRST : after).bind("limit", limit)
        .map(rs -> new Notification(rs.getObject("id", UUID.class), rs.getObject("notification_id", UUID.class),
            rs.getString("channel"), rs.getObject("user_id", UUID.class), rs.getString("address"), rs.getString("status"),
            rs.getString("template_name"), rs.getString("category"), rs.getString("subject"), rs.getString("body"),
            instant(rs, "sent_at"), instant(rs, "read_at"), instant(rs, "archived_at"), instant(rs, "created_at")))
        .list();
  }

  /** Newest first, as the audit log's list pages them. */
  List<AuditLog> auditLogs(UUID after, int limit) {
    AuditFilter everything = new AuditFilter(organization, null, null, null, null, null, null, null);
    return new AuditLogStore(db).list(everything, after, limit).stream().map(AuditLog::new).toList();
  }

  private static List<String> texts(ResultSet rs, String column) throws SQLException {
    return List.of((String[]) rs.getArray(column).getArray());
  }
}
