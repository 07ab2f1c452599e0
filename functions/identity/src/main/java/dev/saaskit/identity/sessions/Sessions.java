package dev.saaskit.identity.sessions;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.identity.AccessTokens;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.runtime.Platform;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

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
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Duration accessTokenLifetime = Settings.getSeconds("ACCESS_TOKEN_TTL_SECONDS", Duration.ofMinutes(15));
  private final Duration maxLifetime = Duration.ofDays(Settings.getInt("SESSION_MAX_DAYS", 90));

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

  /**
   * A session as a refresh rotates it: its id, the key its tokens' successors are derived from
   * (null for sessions older than V23, which rotate to random tokens), and the end of its life.
   */
  public record Family(UUID sessionId, byte[] rotationKey, Instant maxExpiresAt) {}

  /** Starts a session (a new refresh-token family) for the grant and returns its first token pair. */
  public TokenPair start(Handle db, Grant grant, String ip, String userAgent, Instant now) {
    UUID sessionId = Ids.newId();
    byte[] rotationKey = new byte[32];
    RANDOM.nextBytes(rotationKey);
    Instant maxExpires = now.plus(maxLifetime);
    db.createUpdate(
            """
            insert into sessions (id, user_id, organization_id, ip, user_agent, created_at, last_used_at, expires_at, max_expires_at, rotation_key)
            values (:id, :user, :org, :ip, :agent, :now, :now, :expires, :max_expires, :rotation_key)
            """)
        .bind("id", sessionId)
        .bind("user", grant.userId())
        .bind("org", grant.organizationId())
        .bind("ip", ip)
        .bind("agent", userAgent)
        .bind("now", now)
        .bind("expires", earliest(now.plus(REFRESH_TOKEN_LIFETIME), maxExpires))
        .bind("max_expires", maxExpires)
        .bind("rotation_key", rotationKey)
        .execute();
    return issue(db, new Family(sessionId, rotationKey, maxExpires), OpaqueTokens.generate(), grant, now);
  }

  /**
   * Rotates a refresh token of a live session: its successor and a new access token. The successor
   * is derived from the token presented (HMAC-SHA256 under the session's rotation key), so the same
   * token presented again within the grace window gets the same successor: the family never
   * branches. The caller has checked that the session is live and the grant still holds.
   */
  public TokenPair rotate(Handle db, Family family, String presented, Grant grant, Instant now) {
    String successor = family.rotationKey() == null ? OpaqueTokens.generate() : OpaqueTokens.derive(family.rotationKey(), presented);
    return issue(db, family, successor, grant, now);
  }

  /** Stores the refresh token (once: a repeat within the grace window finds it) and extends the session up to its end of life. */
  private TokenPair issue(Handle db, Family family, String refreshToken, Grant grant, Instant now) {
    Instant expires = earliest(now.plus(REFRESH_TOKEN_LIFETIME), family.maxExpiresAt());
    db.createUpdate(
            """
            insert into refresh_tokens (token_hash, session_id, created_at, expires_at)
            values (:hash, :session, :now, :expires)
            on conflict (token_hash) do nothing
            """)
        .bind("hash", OpaqueTokens.hash(refreshToken))
        .bind("session", family.sessionId())
        .bind("now", now)
        .bind("expires", expires)
        .execute();
    db.createUpdate("update sessions set last_used_at = :now, expires_at = :expires where id = :id")
        .bind("now", now)
        .bind("expires", expires)
        .bind("id", family.sessionId())
        .execute();
    return new TokenPair(accessToken(grant, family.sessionId(), now), refreshToken, TOKEN_TYPE, accessTokenLifetime.toSeconds());
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
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
