package dev.saaskit.audit.logs;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.identity.Caller;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * Which audit entries a list or an export selects. {@code organizationId} is the scope: the caller's
 * own organization, or for a super_admin the one asked for, or null for every organization (and
 * the platform's events, which belong to none). The time range is {@code from} inclusive, {@code
 * to} exclusive.
 */
public record AuditFilter(
    UUID organizationId,
    UUID actorUserId,
    UUID actorApiKeyId,
    String action,
    String resourceType,
    String resourceId,
    Instant from,
    Instant to) {

  /**
   * The organization whose entries the caller may read: its own; a super_admin any one, or all of
   * them when it names none. Another organization's id from anyone else is not found, as if it did
   * not exist.
   */
  public static UUID scope(Caller caller, UUID requested) {
    if (caller.isSuperAdmin()) {
      return requested;
    }
    UUID own = caller.organization();
    if (requested != null && !requested.equals(own)) {
      throw ApiException.notFound("organization");
    }
    return own;
  }

  /** The filter of {@code GET /api/v1/audit-logs}'s query parameters. */
  static AuditFilter fromQuery(Call<?> call) {
    AuditFilter filter = new AuditFilter(
        scope(call.caller(), uuid(call, "organization_id")),
        uuid(call, "actor_user_id"),
        uuid(call, "actor_api_key_id"),
        text(call, "action", 100),
        text(call, "resource_type", 100),
        text(call, "resource_id", 200),
        instant(call, "from"),
        instant(call, "to"));
    if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, "from must be before to");
    }
    return filter;
  }

  private static UUID uuid(Call<?> call, String name) {
    Optional<String> raw = call.query(name);
    if (raw.isEmpty()) {
      return null;
    }
    UUID id = Ids.parse(raw.get());
    if (id == null) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, name + " must be a UUID");
    }
    return id;
  }

  private static String text(Call<?> call, String name, int max) {
    String value = call.query(name).orElse(null);
    if (value != null && value.length() > max) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, name + " must be at most " + max + " characters");
    }
    return value;
  }

  private static Instant instant(Call<?> call, String name) {
    Optional<String> raw = call.query(name);
    if (raw.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(raw.get());
    } catch (DateTimeParseException e) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, name + " must be an ISO-8601 UTC timestamp, e.g. 2030-01-02T03:04:05Z");
    }
  }
}
