package dev.saaskit.keys;

import static dev.saaskit.shared.db.RowMapper.instant;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.identity.ApiKeyFormat;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code api_keys} of one organization and their secrets' hashes. Every query filters by the
 * organization from the caller's credentials. Times come from the database's clock, the one the
 * authenticator judges expiry by.
 */
final class KeyStore {

  private static final String COLUMNS =
      """
      id, name, prefix, environment, enabled, scopes, rate_limit_requests, rate_limit_seconds, workspace_id,
      expires_at, (select w.last_used_at from api_key_rate_windows w where w.key_id = api_keys.id) as last_used_at,
      created_by_user_id, created_at, updated_at, revoked_at,
      case when revoked_at is not null then 'revoked'
           when not enabled then 'disabled'
           when expires_at <= now() then 'expired'
           else 'active' end as status
      """;

  private final Handle db;
  private final UUID organization;

  KeyStore(Handle db, UUID organization) {
    this.db = db;
    this.organization = organization;
  }

  /** Stores a new key with the hash of its first secret. */
  ApiKey insert(UUID id, UUID createdBy, String name, String secret, List<String> scopes, ApiKey.RateLimit rateLimit,
      UUID workspaceId, Instant expiresAt) {
    ApiKey key = db.createQuery(
            """
            insert into api_keys (id, organization_id, workspace_id, name, environment, prefix, scopes,
                                  rate_limit_requests, rate_limit_seconds, expires_at, created_by_user_id)
            values (:id, :org, :workspace, :name, :environment, :prefix, :scopes, :requests, :seconds, :expires, :by)
            returning\s"""
                + COLUMNS)
        .bind("id", id)
        .bind("org", organization)
        .bind("workspace", workspaceId)
        .bind("name", name)
        .bind("environment", ApiKeyFormat.environment(secret))
        .bind("prefix", ApiKeyFormat.displayPrefix(secret))
        .bind("scopes", scopes.toArray(String[]::new))
        .bind("requests", rateLimit.requests())
        .bind("seconds", rateLimit.perSeconds())
        .bind("expires", expiresAt)
        .bind("by", createdBy)
        .map(rs -> read(rs))
        .one();
    db.createUpdate("insert into api_key_secrets (secret_hash, key_id) values (:hash, :id)")
        .bind("hash", ApiKeyFormat.hash(secret))
        .bind("id", id)
        .execute();
    return key;
  }

  boolean hasWorkspace(UUID workspaceId) {
    return db.createQuery("select exists (select 1 from workspaces where id = :id and organization_id = :org)")
        .bind("id", workspaceId)
        .bind("org", organization)
        .mapTo(Boolean.class)
        .one();
  }

  Optional<ApiKey> find(UUID id) {
    return db.createQuery("select " + COLUMNS + " from api_keys where id = :id and organization_id = :org")
        .bind("id", id)
        .bind("org", organization)
        .map(rs -> read(rs))
        .findOne();
  }

  /**
   * Finds the key and locks it for a change until the transaction ends. {@code for no key update}
   * does not wait for, or hold up, the authenticator's foreign-key checks on the key.
   */
  Optional<ApiKey> lock(UUID id) {
    return db.createQuery("select " + COLUMNS + " from api_keys where id = :id and organization_id = :org for no key update")
        .bind("id", id)
        .bind("org", organization)
        .map(rs -> read(rs))
        .findOne();
  }

  List<ApiKey> list(PageRequest page) {
    return db.createQuery(
            "select " + COLUMNS
                + """
                   from api_keys
                  where organization_id = :org and (cast(:after as uuid) is null or id > cast(:after as uuid))
                  order by id
                  limit :limit
                """)
        .bind("org", organization)
        .bind("after", page.after())
        .bind("limit", page.fetchSize())
        .map(rs -> read(rs))
        .list();
  }

  ApiKey update(UUID id, String name, List<String> scopes, ApiKey.RateLimit rateLimit, Instant expiresAt, boolean enabled) {
    return db.createQuery(
            """
            update api_keys
               set name = :name, scopes = :scopes, rate_limit_requests = :requests, rate_limit_seconds = :seconds,
                   expires_at = :expires, enabled = :enabled, updated_at = now()
             where id = :id and organization_id = :org
            returning\s"""
                + COLUMNS)
        .bind("id", id)
        .bind("org", organization)
        .bind("name", name)
        .bind("scopes", scopes.toArray(String[]::new))
        .bind("requests", rateLimit.requests())
        .bind("seconds", rateLimit.perSeconds())
        .bind("expires", expiresAt)
        .bind("enabled", enabled)
        .map(rs -> read(rs))
        .one();
  }

  /** Revokes the key for good: its secrets' hashes are deleted, so no secret of it is ever found again. */
  ApiKey revoke(UUID id) {
    db.createUpdate("delete from api_key_secrets where key_id = :id").bind("id", id).execute();
    return db.createQuery(
            "update api_keys set revoked_at = now(), updated_at = now() where id = :id and organization_id = :org returning "
                + COLUMNS)
        .bind("id", id)
        .bind("org", organization)
        .map(rs -> read(rs))
        .one();
  }

  /**
   * Gives the key a new secret. Its other secrets keep working for {@code graceSeconds} (or less,
   * if they were to stop sooner); those already past their end are deleted. Returns the key and
   * when the previous secret stops working.
   */
  Rerolled reroll(UUID id, String secret, int graceSeconds) {
    db.createUpdate("delete from api_key_secrets where key_id = :id and expires_at <= now()").bind("id", id).execute();
    Instant previousEnd = db.createQuery(
            """
            update api_key_secrets
               set expires_at = least(coalesce(expires_at, 'infinity'), now() + make_interval(secs => :grace))
             where key_id = :id
            returning expires_at
            """)
        .bind("id", id)
        .bind("grace", graceSeconds)
        .map(rs -> instant(rs, "expires_at"))
        .list()
        .stream()
        .max(Instant::compareTo)
        .orElse(null);
    db.createUpdate("insert into api_key_secrets (secret_hash, key_id) values (:hash, :id)")
        .bind("hash", ApiKeyFormat.hash(secret))
        .bind("id", id)
        .execute();
    ApiKey key = db.createQuery(
            "update api_keys set prefix = :prefix, updated_at = now() where id = :id and organization_id = :org returning " + COLUMNS)
        .bind("id", id)
        .bind("org", organization)
        .bind("prefix", ApiKeyFormat.displayPrefix(secret))
        .map(rs -> read(rs))
        .one();
    return new Rerolled(key, previousEnd);
  }

  record Rerolled(ApiKey key, Instant previousSecretExpiresAt) {}

  private static ApiKey read(ResultSet rs) throws SQLException {
    return new ApiKey(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getString("prefix"),
        rs.getString("environment"),
        rs.getString("status"),
        rs.getBoolean("enabled"),
        List.of((String[]) rs.getArray("scopes").getArray()),
        new ApiKey.RateLimit(rs.getInt("rate_limit_requests"), rs.getInt("rate_limit_seconds")),
        rs.getObject("workspace_id", UUID.class),
        instant(rs, "expires_at"),
        instant(rs, "last_used_at"),
        rs.getObject("created_by_user_id", UUID.class),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        instant(rs, "revoked_at"));
  }
}
