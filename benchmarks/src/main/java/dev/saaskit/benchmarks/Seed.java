package dev.saaskit.benchmarks;

import dev.saaskit.identity.accounts.Passwords;
import dev.saaskit.identity.sessions.OpaqueTokens;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.identity.ApiKeyFormat;
import dev.saaskit.testkit.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * What the signed-in and API-key cases read, written straight to the database as the domains store
 * it: an organization, its org_admin with a known password (bcrypt at the deployment's
 * {@code BCRYPT_COST}, through the same {@link Passwords} the identity domain uses), and an API key with
 * {@code keys:read} and the highest rate limit the keys domain allows, 10,000 requests a second,
 * which no run reaches (the cases also insist on a valid answer: a rate-limited verify still answers
 * 200).
 */
record Seed(UUID organizationId, UUID userId, String email, String apiKey) {

  /** The cost the deployment hashes passwords with (identity's default; template.yaml sets no other). */
  static final int BCRYPT_COST = 10;
  static final String PASSWORD = "benchmark password 1";

  static Seed create() {
    System.setProperty("BCRYPT_COST", Integer.toString(BCRYPT_COST));
    UUID org = Ids.newId();
    UUID user = Ids.newId();
    String email = "bench-" + user + "@example.test";
    String passwordHash = Passwords.hash(PASSWORD);
    UUID keyId = Ids.newId();
    String key = ApiKeyFormat.generate(ApiKeyFormat.LIVE);
    TestDatabase.get().jdbi().useTransaction(h -> {
      h.execute("insert into organizations (id, name, slug) values (?, ?, ?)", org, "Benchmarks", "bench-" + org.toString().substring(24));
      h.execute("insert into users (id, email, password_hash, full_name, email_verified_at) values (?, ?, ?, ?, now())",
          user, email, passwordHash, "Benchmark Admin");
      h.execute("insert into organization_members (organization_id, user_id, role) values (?, ?, 'org_admin')", org, user);
      h.createUpdate(
              """
              insert into api_keys (id, organization_id, name, environment, prefix, scopes, rate_limit_requests, rate_limit_seconds)
              values (:id, :org, 'benchmark key', 'live', :prefix, :scopes, 10000, 1)
              """)
          .bind("id", keyId)
          .bind("org", org)
          .bind("prefix", ApiKeyFormat.displayPrefix(key))
          .bind("scopes", new String[] {"keys:read"})
          .execute();
      h.execute("insert into api_key_secrets (secret_hash, key_id) values (?, ?)", ApiKeyFormat.hash(key), keyId);
    });
    return new Seed(org, user, email, key);
  }

  /**
   * {@code count} unused refresh tokens of one new session of the user, stored as the identity domain
   * stores them (SHA-256 only): a refresh rotates its token, so every request needs one of its own.
   */
  List<String> refreshTokens(int count) {
    UUID session = Ids.newId();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant expires = now.plus(30, ChronoUnit.DAYS);
    List<String> tokens = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tokens.add(OpaqueTokens.generate());
    }
    TestDatabase.get().jdbi().useTransaction(h -> {
      h.createUpdate(
              """
              insert into sessions (id, user_id, organization_id, ip, user_agent, created_at, last_used_at, expires_at)
              values (:id, :user, :org, '127.0.0.1', 'saaskit-benchmarks', :now, :now, :expires)
              """)
          .bind("id", session)
          .bind("user", userId)
          .bind("org", organizationId)
          .bind("now", now)
          .bind("expires", expires)
          .execute();
      PreparedBatch batch = h.prepareBatch(
          "insert into refresh_tokens (token_hash, session_id, created_at, expires_at) values (:hash, :session, :now, :expires)");
      for (String token : tokens) {
        batch.bind("hash", OpaqueTokens.hash(token)).bind("session", session).bind("now", now).bind("expires", expires).add();
      }
      batch.execute();
    });
    return tokens;
  }
}
