package dev.saaskit.identity.organizations;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.identity.sessions.Sessions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code DELETE /api/v1/organizations/{id}} (super_admin): soft delete. The organization disappears
 * for its members at once: every tenancy route answers 404, every session scoped to it ends (its
 * refresh tokens stop working), and the auth domain starts no new one for it. Access tokens already
 * issued live out their lifetime on other domains' routes. Its data is kept until {@code
 * purge_after}, {@code ORGANIZATION_RETENTION_DAYS} (default 30) from now, when {@link
 * PurgeOrganizations} deletes it.
 */
public final class DeleteOrganization implements Endpoint<Void, Organization> {

  static final String RETENTION_SETTING = "ORGANIZATION_RETENTION_DAYS";

  private final Duration retention = retention();

  @Override
  public Reply<Organization> handle(Call<Void> call) {
    Organization org = Organizations.addressed(call);
    Instant purgeAfter = call.now().plus(retention);
    Organization deleted = new Organizations(call.db()).softDelete(org.id(), call.now(), purgeAfter);
    int ended = Sessions.revokeOrganization(call.db(), org.id(), "organization_deleted", call.now());
    call.audit(org.id(), call.caller().userId(), IdentityAction.ORGANIZATION_DELETED, "organization", org.id(),
        Map.of("purge_after", purgeAfter.toString(), "sessions_ended", ended));
    return Reply.ok(deleted);
  }

  private static Duration retention() {
    int days = Settings.getInt(RETENTION_SETTING, 30);
    if (days < 0) {
      throw new IllegalStateException("setting " + RETENTION_SETTING + " must be 0 or more days, was " + days);
    }
    return Duration.ofDays(days);
  }
}
