package dev.saaskit.testkit;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.identity.Role;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * An organization made for a test, with one member in each organization role, written straight to
 * the database, and an access token for each of them.
 */
public record Tenant(UUID organizationId, String slug, Map<Role, UUID> members) {

  public static Tenant create() {
    TestEnvironment.ensure();
    UUID org = Ids.newId();
    String slug = "t-" + org.toString().substring(24);
    Map<Role, UUID> members = new EnumMap<>(Role.class);
    TestDatabase.get().jdbi().useTransaction(h -> {
      h.execute("insert into organizations (id, name, slug) values (?, ?, ?)", org, "Tenant " + slug, slug);
      for (Role role : new Role[] {Role.ORG_ADMIN, Role.BILLING_ADMIN, Role.USER}) {
        UUID user = Ids.newId();
        h.execute("insert into users (id, email, full_name, email_verified_at) values (?, ?, ?, now())",
            user, role.code() + "-" + user + "@example.test", role.code() + " of " + slug);
        h.execute("insert into organization_members (organization_id, user_id, role) values (?, ?, ?)", org, user, role.code());
        members.put(role, user);
      }
    });
    return new Tenant(org, slug, Map.copyOf(members));
  }

  public UUID member(Role role) {
    return members.get(role);
  }

  /** A new API key of this organization with these scopes (1000 requests a minute). */
  public TestApiKey apiKey(String... scopes) {
    return TestApiKey.create(organizationId, scopes);
  }

  /** An access token of this organization's member in {@code role}. */
  public String token(Role role) {
    return TestTokens.get().accessToken(member(role), organizationId, role);
  }
}
