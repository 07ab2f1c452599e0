package dev.saaskit.auth;

import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.identity.Emails;
import dev.saaskit.shared.identity.Passwords;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.identity.Sessions;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.Map;
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
      throw new ApiException(ProblemType.FORBIDDEN, "self-service sign-up is switched off; ask an administrator for an invitation");
    }
    Request body = call.body();
    String email = Emails.normalize(body.email());
    Users users = new Users(call.db());
    UUID userId = users.insert(email, Passwords.hash(body.password()), body.fullName().strip(), call.now())
        .orElseThrow(() -> new ApiException(ProblemType.CONFLICT, "an account with this email already exists; sign in or reset the password"));
    Organizations.Created org = new Organizations(call.db()).create(body.organizationName().strip(), call.now());
    Memberships memberships = new Memberships(call.db());
    memberships.add(org.id(), userId, Role.ORG_ADMIN, call.now());

    Users.User user = users.find(userId).orElseThrow();
    Memberships.Membership membership = memberships.findActive(userId, org.id()).orElseThrow();
    EmailTokens.Issued verification = new EmailTokens(call.db()).issue(userId, EmailTokens.Purpose.VERIFY_EMAIL, email, call.now());
    Mail.verification(call, user, email, verification, org.id());
    call.audit(org.id(), userId, "user.registered", "user", userId, Map.of("email", email, "organization_slug", org.slug()));
    SignedIn signedIn = SignIn.start(sessions, call, user, membership);
    return Reply.created(signedIn).withHeader("location", "/api/v1/users/" + userId);
  }
}
