package dev.saaskit.testkit;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.identity.ApiKeyFormat;
import java.util.UUID;

/**
 * An API key written straight to the database, as the keys domain stores one (only the secret's
 * hash), for tests of routes that accept keys without going through the keys domain.
 *
 * @param secret the key as a program would send it
 */
public record TestApiKey(UUID id, UUID organizationId, String secret) {

  /** A key of {@code organization} with these scopes, admitting 1000 requests a minute. */
  public static TestApiKey create(UUID organization, String... scopes) {
    return create(organization, 1000, 60, scopes);
  }

  public static TestApiKey create(UUID organization, int requests, int perSeconds, String... scopes) {
    TestEnvironment.ensure();
    String secret = ApiKeyFormat.generate(ApiKeyFormat.LIVE);
    UUID id = Ids.newId();
    TestDatabase.get().jdbi().useTransaction(h -> {
      h.createUpdate(
              """
              insert into api_keys (id, organization_id, name, environment, prefix, scopes, rate_limit_requests, rate_limit_seconds)
              values (:id, :org, 'test key', 'live', :prefix, :scopes, :requests, :seconds)
              """)
          .bind("id", id)
          .bind("org", organization)
          .bind("prefix", ApiKeyFormat.displayPrefix(secret))
          .bind("scopes", scopes)
          .bind("requests", requests)
          .bind("seconds", perSeconds)
          .execute();
      h.execute("insert into api_key_secrets (secret_hash, key_id) values (?, ?)", ApiKeyFormat.hash(secret), id);
    });
    return new TestApiKey(id, organization, secret);
  }
}
