package dev.saaskit.identity.sessions;

import static dev.saaskit.shared.db.RowMapper.instant;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.SqlFiles;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Refresh tokens as a refresh sees them: found by hash, locked, marked used when rotated. */
final class RefreshTokens {

  private static final String FIND_FOR_ROTATION = SqlFiles.load(RefreshTokens.class, "find_for_rotation");

  private final Handle db;

  RefreshTokens(Handle db) {
    this.db = db;
  }

  /** A presented token and its session (with what its successor is derived from, and how long the session may last). */
  record Presented(
      UUID sessionId, Instant expiresAt, Instant usedAt, UUID userId, UUID organizationId, Instant sessionRevokedAt, Instant sessionExpiresAt,
      Sessions.Family family) {}

  Optional<Presented> findForRotation(String token) {
    return db.createQuery(FIND_FOR_ROTATION)
        .bind("hash", OpaqueTokens.hash(token))
        .map(rs -> new Presented(
            rs.getObject("session_id", UUID.class),
            instant(rs, "expires_at"),
            instant(rs, "used_at"),
            rs.getObject("user_id", UUID.class),
            rs.getObject("organization_id", UUID.class),
            instant(rs, "revoked_at"),
            instant(rs, "session_expires_at"),
            new Sessions.Family(rs.getObject("session_id", UUID.class), rs.getBytes("rotation_key"), instant(rs, "max_expires_at"))))
        .findOne();
  }

  void markUsed(String token, Instant now) {
    db.createUpdate("update refresh_tokens set used_at = :now where token_hash = :hash and used_at is null")
        .bind("now", now)
        .bind("hash", OpaqueTokens.hash(token))
        .execute();
  }
}
