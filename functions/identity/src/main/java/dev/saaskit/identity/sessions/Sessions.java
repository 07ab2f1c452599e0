package dev.saaskit.identity.sessions;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.identity.AccessTokens;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.runtime.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Signed-in sessions and the tokens that carry them. A session is one refresh-token family: it
 * starts at sign-in (or wherever another domain signs a user in, e.g. accepting an invitation),
 * each refresh adds a new refresh token to it, and revoking it ends every token of the family.
 *
 * <p>Refresh tokens are {@link OpaqueTokens}: 256 random bits, stored only as their SHA-256, valid
 * for 30 days from issue. Access tokens are RS256 JWTs signed with {@link SigningKeys}, in
 * the shape {@link AccessTokens} verifies, valid for {@code ACCESS_TOKEN_TTL_SECONDS} (900).
 *
 * <p>Every method works inside the caller's transaction ({@code call.db()}).
 */
public final class Sessions {

  public static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);
  public static final String TOKEN_TYPE = "Bearer";

  private final Supplier<SigningKeys> keys;
  private final Duration accessTokenLifetime = Settings.getSeconds("ACCESS_TOKEN_TTL_SECONDS", Duration.ofMinutes(15));

  public Sessions(Supplier<SigningKeys> keys) {
    this.keys = keys;
  }

  /** Who a token pair is for: the user, the organization it is scoped to, and the roles it carries. */
  public record Grant(UUID userId, UUID organizationId, Role orgRole, Set<Role> platformRoles) {
    public Grant {
      platformRoles = Set.copyOf(platformRoles);
    }
  }

  /** What a client gets at sign-in and refresh; {@code expires_in} is the access token's lifetime in seconds. */
  public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {}

  /** Starts a session (a new refresh-token family) for the grant and returns its first token pair. */
  public TokenPair start(Handle db, Grant grant, String ip, String userAgent, Instant now) {
    UUID sessionId = Ids.newId();
    db.createUpdate(
            """
            insert into sessions (id, user_id, organization_id, ip, user_agent, created_at, last_used_at, expires_at)
            values (:id, :user, :org, :ip, :agent, :now, :now, :expires)
            """)
        .bind("id", sessionId)
        .bind("user", grant.userId())
        .bind("org", grant.organizationId())
        .bind("ip", ip)
        .bind("agent", userAgent)
        .bind("now", now)
        .bind("expires", now.plus(REFRESH_TOKEN_LIFETIME))
        .execute();
    return continueSession(db, sessionId, grant, now);
  }

  /**
   * Adds a refresh token to a live session and signs an access token for it: what a refresh
   * returns. The caller has checked that the session is live and the grant still holds.
   */
  public TokenPair continueSession(Handle db, UUID sessionId, Grant grant, Instant now) {
    String refreshToken = OpaqueTokens.generate();
    Instant expires = now.plus(REFRESH_TOKEN_LIFETIME);
    db.createUpdate(
            """
            insert into refresh_tokens (token_hash, session_id, created_at, expires_at)
            values (:hash, :session, :now, :expires)
            """)
        .bind("hash", OpaqueTokens.hash(refreshToken))
        .bind("session", sessionId)
        .bind("now", now)
        .bind("expires", expires)
        .execute();
    db.createUpdate("update sessions set last_used_at = :now, expires_at = :expires where id = :id")
        .bind("now", now)
        .bind("expires", expires)
        .bind("id", sessionId)
        .execute();
    return new TokenPair(accessToken(grant, sessionId, now), refreshToken, TOKEN_TYPE, accessTokenLifetime.toSeconds());
  }

  /** An access token for the grant in session {@code sessionId}, issued at {@code now}. */
  public String accessToken(Grant grant, UUID sessionId, Instant now) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .subject(grant.userId().toString())
        .issuer(Platform.issuer())
        .audience(Platform.audience())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(accessTokenLifetime)))
        .jwtID(Ids.newId().toString())
        .claim("org", grant.organizationId().toString())
        .claim("org_role", grant.orgRole() == null ? null : grant.orgRole().code())
        .claim("roles", grant.platformRoles().stream().map(Role::code).sorted().toList())
        .claim("sid", sessionId.toString())
        .build();
    return keys.get().sign(claims);
  }

  public Duration accessTokenLifetime() {
    return accessTokenLifetime;
  }

  /** Ends a session; true if it was live. */
  public static boolean revoke(Handle db, UUID sessionId, String reason, Instant now) {
    return db.createUpdate("update sessions set revoked_at = :now, revoked_reason = :reason where id = :id and revoked_at is null")
        .bind("now", now)
        .bind("reason", reason)
        .bind("id", sessionId)
        .execute() == 1;
  }

  /** Ends every live session of the user except {@code keep} (null: all); returns how many. */
  public static int revokeAllOf(Handle db, UUID userId, UUID keep, String reason, Instant now) {
    return db.createUpdate(
            """
            update sessions set revoked_at = :now, revoked_reason = :reason
             where user_id = :user and revoked_at is null and (cast(:keep as uuid) is null or id <> :keep)
            """)
        .bind("now", now)
        .bind("reason", reason)
        .bind("user", userId)
        .bind("keep", keep)
        .execute();
  }

  /**
   * Ends every live session of the user scoped to {@code organization} (a member removed or
   * suspended); returns how many.
   */
  public static int revokeInOrganization(Handle db, UUID userId, UUID organization, String reason, Instant now) {
    return db.createUpdate(
            """
            update sessions set revoked_at = :now, revoked_reason = :reason
             where user_id = :user and organization_id = :org and revoked_at is null
            """)
        .bind("now", now)
        .bind("reason", reason)
        .bind("user", userId)
        .bind("org", organization)
        .execute();
  }

  /** Ends every live session scoped to {@code organization}, whoever's (the organization is deleted); returns how many. */
  public static int revokeOrganization(Handle db, UUID organization, String reason, Instant now) {
    return db.createUpdate("update sessions set revoked_at = :now, revoked_reason = :reason where organization_id = :org and revoked_at is null")
        .bind("now", now)
        .bind("reason", reason)
        .bind("org", organization)
        .execute();
  }

  /** True while the session exists, is not revoked and has not expired. */
  public static boolean isLive(Handle db, UUID sessionId, UUID userId, Instant now) {
    return db.createQuery("select count(*) from sessions where id = :id and user_id = :user and revoked_at is null and expires_at > :now")
        .bind("id", sessionId)
        .bind("user", userId)
        .bind("now", now)
        .mapTo(Integer.class)
        .one() == 1;
  }
}
