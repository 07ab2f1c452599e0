package dev.saaskit.support.tickets;

import dev.saaskit.shared.db.SqlStatement;
import dev.saaskit.shared.identity.Caller;
import dev.saaskit.shared.identity.Role;
import java.util.UUID;

/**
 * Who reads or writes tickets, and which tickets they reach: the one place that decides it. A
 * support_agent or super_admin (platform roles, from the access token) reaches every
 * organization's tickets: the only reads across organizations in this domain. An org_admin
 * reaches every ticket of the token's organization; any other member the tickets they opened or
 * follow. Whatever else a caller names is not found.
 */
public record Viewer(UUID userId, UUID organizationId, boolean agent, boolean orgAdmin) {

  /** The SQL condition on a ticket row {@code t}; bind the parameters with {@link #bind}. */
  public static final String SEES_TICKET =
      """
      (:viewer_agent or (t.organization_id = :viewer_org and (:viewer_org_admin or t.requester_id = :viewer_user
          or exists (select 1 from support_ticket_followers f where f.ticket_id = t.id and f.user_id = :viewer_user))))
      """;

  public static Viewer of(Caller caller) {
    return new Viewer(caller.user(), caller.organization(), caller.has(Role.SUPPORT_AGENT) || caller.isSuperAdmin(),
        caller.orgRole() == Role.ORG_ADMIN);
  }

  /** The platform's own schedules, which look after every organization's tickets as an agent does. */
  public static Viewer platform() {
    return new Viewer(null, null, true, false);
  }

  public <S extends SqlStatement<S>> S bind(S statement) {
    return statement
        .bind("viewer_agent", agent)
        .bind("viewer_org", organizationId)
        .bind("viewer_org_admin", orgAdmin)
        .bind("viewer_user", userId);
  }
}
