package dev.saaskit.identity.invitations;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.identity.IdentityProblem;
import dev.saaskit.identity.accounts.Accounts;
import dev.saaskit.identity.accounts.Emails;
import dev.saaskit.identity.members.Members;
import dev.saaskit.identity.organizations.Organization;
import dev.saaskit.identity.organizations.Organizations;
import dev.saaskit.identity.sessions.OpaqueTokens;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.limits.Limits;
import dev.saaskit.shared.outbox.Notification;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/organizations/{id}/invitations} (org_admin, super_admin): invites an email
 * address into the organization with a role. The single-use token, valid for 7 days, goes to the
 * address in an email (a message on the notifications queue) and nowhere else: not in the
 * response, and in the database only as its SHA-256. Refused when the address is already a member
 * or has a pending invitation (409), is outside the organization's allowed email domains (400), or
 * the plan has no room for another member (402).
 */
public final class CreateInvitation implements Endpoint<CreateInvitation.Request, Invitation> {

  static final Duration LIFETIME = Duration.ofDays(7);
  static final String TEMPLATE = "organization_invitation";

  public record Request(String email, String role) implements Validatable {
    @Override
    public void validate(Violations v) {
      v.email("email", email);
      if (v.required("role", role)) {
        v.oneOf("role", role, Members.ROLE_CODES);
      }
    }
  }

  @Override
  public Reply<Invitation> handle(Call<Request> call) {
    Organization org = Organizations.addressed(call);
    String email = Emails.normalize(call.body().email());
    Role role = Role.fromCode(call.body().role()).orElseThrow();
    String domain = email.substring(email.lastIndexOf('@') + 1);
    if (!org.allowedEmailDomains().isEmpty() && !org.allowedEmailDomains().contains(domain)) {
      throw ApiException.invalid("email", "must be an address at one of the organization's domains " + org.allowedEmailDomains());
    }
    // Locks the organization: invitations to one address cannot race past the checks below.
    Limits.ensureRoom(call.db(), org.id(), Limits.Limit.MEMBERS, 1);
    if (new Members(call.db()).hasEmail(org.id(), email)) {
      throw new ApiException(ProblemType.CONFLICT, email + " is already a member of the organization").code(IdentityProblem.ALREADY_MEMBER);
    }
    Invitations invitations = new Invitations(call.db());
    if (invitations.hasPending(org.id(), email, call.now())) {
      throw new ApiException(ProblemType.CONFLICT, email + " already has a pending invitation; revoke it to send a new one")
          .code(IdentityProblem.INVITATION_PENDING);
    }
    String token = OpaqueTokens.generate();
    Instant expiresAt = call.now().plus(LIFETIME);
    UUID inviter = call.caller().user();
    Invitation invitation = invitations.create(Ids.newId(), org.id(), email, role, OpaqueTokens.hash(token), inviter, call.now(), expiresAt);

    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("organization_name", org.name());
    variables.put("invited_by", new Accounts(call.db()).find(inviter).map(Accounts.Account::fullName).orElse(null));
    variables.put("role", role.code());
    variables.put("token", token);
    variables.put("expires_at", expiresAt.toString());
    call.publish(Notification.QUEUE, new Notification(TEMPLATE, email, variables, org.id()));
    call.audit(org.id(), inviter, IdentityAction.INVITATION_CREATED, "invitation", invitation.id(), Map.of("email", email, "role", role.code()));
    return Reply.created(invitation);
  }
}
