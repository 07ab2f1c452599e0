package dev.saaskit.shared.queue;

import java.util.UUID;

/**
 * A queue message done on behalf of one organization: its invocation record names the
 * organization ({@code org_id}), so usage analytics counts the work to it as it counts a request.
 */
public interface OrganizationScoped {

  /** Null when the work belongs to no organization. */
  UUID organizationId();
}
