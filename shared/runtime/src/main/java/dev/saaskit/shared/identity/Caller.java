package dev.saaskit.shared.identity;

import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, as proven by verified credentials. The organization id of every tenant-scoped
 * query comes from here, never from the request.
 *
 * @param userId the signed-in user; null for anonymous and API-key callers
 * @param organizationId the organization the credentials are scoped to; null when anonymous
 * @param orgRole the role inside that organization; null for API keys and anonymous callers
 * @param platformRoles super_admin / support_agent, if any
 * @param sessionId the refresh-token family an access token belongs to
 * @param apiKeyId set when the caller authenticated with an API key
 * @param scopes the API key's scopes
 */
public record Caller(
    Kind kind,
    UUID userId,
    UUID organizationId,
    Role orgRole,
    Set<Role> platformRoles,
    UUID sessionId,
    UUID apiKeyId,
    Set<String> scopes) {

  public enum Kind {
    ANONYMOUS,
    USER,
    API_KEY
  }

  public static final Caller ANONYMOUS =
      new Caller(Kind.ANONYMOUS, null, null, null, Set.of(), null, null, Set.of());

  public Caller {
    platformRoles = Set.copyOf(platformRoles);
    scopes = Set.copyOf(scopes);
  }

  public static Caller user(UUID userId, UUID organizationId, Role orgRole, Set<Role> platformRoles, UUID sessionId) {
    return new Caller(Kind.USER, userId, organizationId, orgRole, platformRoles, sessionId, null, Set.of());
  }

  public static Caller apiKey(UUID apiKeyId, UUID organizationId, Set<String> scopes) {
    return new Caller(Kind.API_KEY, null, organizationId, null, Set.of(), null, apiKeyId, scopes);
  }

  public boolean isAnonymous() {
    return kind == Kind.ANONYMOUS;
  }

  public boolean isApiKey() {
    return kind == Kind.API_KEY;
  }

  public boolean has(Role role) {
    return role == orgRole || platformRoles.contains(role);
  }

  public boolean isSuperAdmin() {
    return platformRoles.contains(Role.SUPER_ADMIN);
  }

  /** The organization every tenant-scoped query filters by. */
  public UUID organization() {
    if (organizationId == null) {
      throw new ApiException(ProblemType.UNAUTHENTICATED, "credentials scoped to an organization are required");
    }
    return organizationId;
  }

  /** The user, for routes that only a signed-in person may use. */
  public UUID user() {
    if (userId == null) {
      throw new ApiException(ProblemType.UNAUTHENTICATED, "a signed-in user is required");
    }
    return userId;
  }

  /** What the audit trail and logs name as the actor. */
  public String principal() {
    return switch (kind) {
      case ANONYMOUS -> "anonymous";
      case USER -> "user:" + userId;
      case API_KEY -> "key:" + apiKeyId;
    };
  }
}
