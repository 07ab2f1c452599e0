package dev.saaskit.identity.invitations;

import static dev.saaskit.shared.db.RowMapper.instant;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.identity.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Invitations to organizations. Pending: neither accepted nor revoked, and not expired. */
final class Invitations {

  private static final String COLUMNS = "id, email, role, invited_by, created_at, expires_at";
  private static final String FOUND_COLUMNS = "id, organization_id, email, role, expires_at, accepted_at, revoked_at";

  private final Handle db;

  Invitations(Handle db) {
    this.db = db;
  }

  /** An invitation looked up by its token, locked for the rest of the transaction. */
  record Found(UUID id, UUID organizationId, String email, Role role, Instant expiresAt, Instant acceptedAt, Instant revokedAt) {}

  Invitation create(UUID id, UUID org, String email, Role role, byte[] tokenHash, UUID invitedBy, Instant now, Instant expiresAt) {
    return db.createQuery(
            """
            insert into invitations (id, organization_id, email, role, token_hash, invited_by, created_at, expires_at)
            values (:id, :org, :email, :role, :hash, :by, :now, :expires)
            returning %s
            """.formatted(COLUMNS))
        .bind("id", id)
        .bind("org", org)
        .bind("email", email)
        .bind("role", role.code())
        .bind("hash", tokenHash)
        .bind("by", invitedBy)
        .bind("now", now)
        .bind("expires", expiresAt)
        .map(rs -> map(rs))
        .one();
  }

  List<Invitation> pending(UUID org, Instant now, PageRequest page) {
    return db.createQuery(
            """
            select %s from invitations
             where organization_id = :org and accepted_at is null and revoked_at is null and expires_at > :now
               and (cast(:after as uuid) is null or id > :after)
             order by id
             limit :limit
            """.formatted(COLUMNS))
        .bind("org", org)
        .bind("now", now)
        .bind("after", page.after())
        .bind("limit", page.fetchSize())
        .map(rs -> map(rs))
        .list();
  }

  boolean hasPending(UUID org, String email, Instant now) {
    return db.createQuery(
            """
            select exists (select 1 from invitations
                            where organization_id = :org and email = :email
                              and accepted_at is null and revoked_at is null and expires_at > :now)
            """)
        .bind("org", org)
        .bind("email", email)
        .bind("now", now)
        .mapTo(Boolean.class)
        .one();
  }

  /** The invitation with this token, locked: a second acceptance waits for the first and then sees it. */
  Optional<Found> findByToken(byte[] tokenHash) {
    return db.createQuery(
            "select " + FOUND_COLUMNS + " from invitations where token_hash = :hash for update")
        .bind("hash", tokenHash)
        .map(rs -> found(rs))
        .findOne();
  }

  /** The organization's invitation with this id, locked; empty when another organization's or unknown. */
  Optional<Found> find(UUID org, UUID id) {
    return db.createQuery(
            "select " + FOUND_COLUMNS + " from invitations where id = :id and organization_id = :org for update")
        .bind("id", id)
        .bind("org", org)
        .map(rs -> found(rs))
        .findOne();
  }

  void revoke(UUID id, UUID by, Instant now) {
    db.createUpdate("update invitations set revoked_at = :now, revoked_by = :by where id = :id")
        .bind("id", id)
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  void accept(UUID id, UUID by, Instant now) {
    db.createUpdate("update invitations set accepted_at = :now, accepted_by = :by where id = :id")
        .bind("id", id)
        .bind("by", by)
        .bind("now", now)
        .execute();
  }

  private static Invitation map(ResultSet rs) throws SQLException {
    return new Invitation(
        rs.getObject("id", UUID.class),
        rs.getString("email"),
        Role.fromCode(rs.getString("role")).orElseThrow(),
        rs.getObject("invited_by", UUID.class),
        instant(rs, "created_at"),
        instant(rs, "expires_at"));
  }

  private static Found found(ResultSet rs) throws SQLException {
    return new Found(
        rs.getObject("id", UUID.class),
        rs.getObject("organization_id", UUID.class),
        rs.getString("email"),
        Role.fromCode(rs.getString("role")).orElseThrow(),
        instant(rs, "expires_at"),
        instant(rs, "accepted_at"),
        instant(rs, "revoked_at"));
  }
}
