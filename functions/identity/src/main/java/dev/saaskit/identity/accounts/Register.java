package dev.saaskit.identity.accounts;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.identity.IdentityProblem;
import dev.saaskit.identity.Throttle;
import dev.saaskit.identity.members.Members;
import dev.saaskit.identity.organizations.Organization;
import dev.saaskit.identity.organizations.Organizations;
import dev.saaskit.identity.sessions.Sessions;
import dev.saaskit.identity.sessions.SignIn;
import dev.saaskit.identity.sessions.SignedIn;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/v1/register}: self-service sign-up. Creates the account, a new organization on
 * the free plan (slug from its name) with the account as its org_admin, and a session, in one
 * transaction; queues the verification email. {@code SELF_SIGNUP_ENABLED=false} switches it off.
 */
public final class Register implements Endpoint<Register.Request, SignedIn> {

  public record Request(String email, String password, String fullName, String organizationName) implements Validatable {
    @Override
    public void validate(Violations v) {
      boolean emailValid = v.email("email", email);
      Passwords.validate(v, "password", password, emailValid ? email : null);
      v.text("full_name", fullName, 200);
      v.text("organization_name", organizationName, 200);
    }
  }

  private final Sessions sessions;
  private final boolean enabled = Settings.getBoolean("SELF_SIGNUP_ENABLED", true);

  public Register(Sessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public boolean answersWithSecrets() {
    return true;
  }

  @Override
  public Reply<SignedIn> handle(Call<Request> call) {
    if (!enabled) {
      throw new ApiException(ProblemType.FORBIDDEN, "self-service sign-up is switched off; ask an administrator for an invitation")
          .code(IdentityProblem.SIGN_UP_DISABLED);
    }
    Request body = call.body();
    String email = Emails.normalize(body.email());
    new Throttle(call.autocommitDb(), Throttle.Kind.SIGN_UP).attempt(email, call.request().sourceIp(), call.now());
    Accounts users = new Accounts(call.db());
    Optional<UUID> inserted = users.insert(email, Passwords.hash(body.password()), body.fullName().strip(), false, call.now());
    if (inserted.isEmpty()) {
      // The address's owner hears of it: nothing else of the attempt is written.
      Mail.signUpAttempted(call, email);
      throw new ApiException(ProblemType.CONFLICT, "an account with this email already exists; sign in or reset the password")
          .code(IdentityProblem.EMAIL_TAKEN).keepChanges();
    }
    UUID userId = inserted.get();
    Organization org = new Organizations(call.db()).createForSignUp(body.organizationName().strip(), call.now());
    Members memberships = new Members(call.db());
    memberships.add(org.id(), userId, Role.ORG_ADMIN, call.now());

    Accounts.Account user = users.find(userId).orElseThrow();
    Members.Membership membership = memberships.activeMembership(userId, org.id()).orElseThrow();
    EmailTokens.Issued verification = new EmailTokens(call.db()).issue(userId, EmailTokens.Purpose.VERIFY_EMAIL, email, call.now());
    Mail.verification(call, user, email, verification, org.id());
    call.audit(org.id(), userId, IdentityAction.USER_REGISTERED, "user", userId, Map.of("email", email, "organization_slug", org.slug()));
    SignedIn signedIn = SignIn.start(sessions, call, user, membership);
    return Reply.created(signedIn).withHeader("location", "/api/v1/users/" + userId);
  }
}
