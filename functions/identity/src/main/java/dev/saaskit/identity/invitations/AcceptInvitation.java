package dev.saaskit.identity.invitations;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.identity.IdentityProblem;
import dev.saaskit.identity.accounts.Accounts;
import dev.saaskit.identity.accounts.Passwords;
import dev.saaskit.identity.members.Members;
import dev.saaskit.identity.organizations.Organization;
import dev.saaskit.identity.organizations.Organizations;
import dev.saaskit.identity.sessions.OpaqueTokens;
import dev.saaskit.identity.sessions.Sessions;
import dev.saaskit.identity.sessions.SignedIn;
import dev.saaskit.identity.sessions.SignIn;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.identity.Caller;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.limits.Limits;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.Map;

/**
 * {@code POST /api/v1/invitations/accept} (public): turns an invitation token into a membership and
 * signs the invitee in to the organization: the answer is a sign-in's ({@link SignedIn}), a new
 * session with a token pair scoped to the organization, the invited role and the account's platform
 * roles.
 *
 * <p>Signed in, the caller's account must have the invited email (403 otherwise), be active, and
 * the access token's session must still be live (401 otherwise: like switching organization, a
 * leftover access token must not mint a refresh token); the caller's current session goes on.
 * Anonymous, the invited email must not have an account yet (401: sign in as it and accept again);
 * the request then carries {@code password} and {@code full_name} and the account is created with
 * its email verified, since the invitee proved the mailbox by holding the token. A token is used
 * once: a used, revoked or expired one is a 409, an unknown one a 404. Account, membership, session
 * and the token's use are one transaction: a refusal leaves nothing behind.
 */
public final class AcceptInvitation implements Endpoint<AcceptInvitation.Request, SignedIn> {

  /** {@code password} and {@code full_name} only when the invitee has no account yet. */
  public record Request(String token, String password, String fullName) implements Validatable {
    @Override
    public void validate(Violations v) {
      if (v.required("token", token) && !OpaqueTokens.wellFormed(token)) {
        v.add("token", "is not an invitation token");
      }
      if (password != null) {
        Passwords.validate(v, "password", password, null);
      }
      v.optionalText("full_name", fullName, Accounts.MAX_FULL_NAME);
    }
  }

  private final Sessions sessions;

  public AcceptInvitation(Sessions sessions) {
    this.sessions = sessions;
  }

  /** The answer holds a refresh token: never stored for an idempotent replay. */
  @Override
  public boolean answersWithSecrets() {
    return true;
  }

  @Override
  public Reply<SignedIn> handle(Call<Request> call) {
    Request r = call.body();
    Invitations invitations = new Invitations(call.db());
    Invitations.Found invitation = invitations.findByToken(OpaqueTokens.hash(r.token()))
        .orElseThrow(() -> ApiException.notFound("invitation"));
    if (invitation.acceptedAt() != null) {
      throw new ApiException(ProblemType.CONFLICT, "the invitation was already used").code(IdentityProblem.INVITATION_USED);
    }
    if (invitation.revokedAt() != null) {
      throw new ApiException(ProblemType.CONFLICT, "the invitation was revoked").code(IdentityProblem.INVITATION_REVOKED);
    }
    if (!invitation.expiresAt().isAfter(call.now())) {
      throw new ApiException(ProblemType.CONFLICT, "the invitation expired at " + invitation.expiresAt() + "; ask for a new one")
          .code(IdentityProblem.INVITATION_EXPIRED);
    }
    Organization org = new Organizations(call.db()).find(invitation.organizationId())
        .filter(o -> o.deletedAt() == null)
        .orElseThrow(() -> ApiException.notFound("organization"));
    Accounts accounts = new Accounts(call.db());
    Members members = new Members(call.db());

    // The signed-in invitee's account, or null when accepting creates one.
    Accounts.Account account = null;
    Caller caller = call.caller();
    if (!caller.isAnonymous()) {
      account = signedInInvitee(call, invitation, accounts);
      if (members.find(org.id(), account.id()).isPresent()) {
        throw new ApiException(ProblemType.CONFLICT, "you are already a member of the organization").code(IdentityProblem.ALREADY_MEMBER);
      }
    } else if (accounts.existsWithEmail(invitation.email())) {
      throw new ApiException(ProblemType.UNAUTHENTICATED, "the invited email has an account; sign in as it and accept again")
          .code(IdentityProblem.SIGN_IN_TO_ACCEPT);
    }
    Limits.ensureRoom(call.db(), org.id(), Limits.Limit.MEMBERS, 1);
    if (account == null) {
      account = createAccount(call, invitation, accounts);
      call.audit(org.id(), account.id(), IdentityAction.USER_CREATED, "user", account.id(), Map.of("email", account.email(), "via", "invitation"));
    }
    members.add(org.id(), account.id(), invitation.role(), call.now());
    invitations.accept(invitation.id(), account.id(), call.now());
    call.audit(org.id(), account.id(), IdentityAction.INVITATION_ACCEPTED, "invitation", invitation.id(),
        Map.of("email", invitation.email(), "role", invitation.role().code(), "user_id", account.id().toString()));
    Members.Membership membership = members.activeMembership(account.id(), org.id()).orElseThrow();
    return Reply.created(SignIn.start(sessions, call, account, membership));
  }

  private static Accounts.Account signedInInvitee(Call<Request> call, Invitations.Found invitation, Accounts accounts) {
    Request r = call.body();
    if (r.password() != null || r.fullName() != null) {
      throw ApiException.invalid(r.password() != null ? "password" : "full_name", "is only for a new account; you are signed in");
    }
    Caller caller = call.caller();
    if (!Sessions.isLive(call.db(), caller.sessionId(), caller.user(), call.now())) {
      throw new ApiException(ProblemType.UNAUTHENTICATED, "the session has ended; sign in again").code(IdentityProblem.SESSION_ENDED);
    }
    Accounts.Account account = accounts.find(caller.user()).filter(Accounts.Account::active)
        .orElseThrow(() -> new ApiException(ProblemType.UNAUTHENTICATED, "the account is no longer active").code(IdentityProblem.ACCOUNT_INACTIVE));
    if (!account.email().equals(invitation.email())) {
      throw new ApiException(ProblemType.FORBIDDEN, "the invitation is for another email address; sign in as the invited user")
          .code(IdentityProblem.INVITATION_FOR_ANOTHER_EMAIL);
    }
    return account;
  }

  private static Accounts.Account createAccount(Call<Request> call, Invitations.Found invitation, Accounts accounts) {
    Request r = call.body();
    Violations v = new Violations();
    Passwords.validate(v, "password", r.password(), invitation.email());
    v.text("full_name", r.fullName(), Accounts.MAX_FULL_NAME);
    v.throwIfAny();
    return accounts.insert(invitation.email(), Passwords.hash(r.password()), r.fullName(), true, call.now())
        .flatMap(accounts::find)
        .orElseThrow(() -> new ApiException(ProblemType.CONFLICT, "the invited email got an account meanwhile; sign in as it and accept again")
            .code(IdentityProblem.EMAIL_TAKEN));
  }
}
