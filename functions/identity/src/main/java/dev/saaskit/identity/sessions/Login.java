package dev.saaskit.identity.sessions;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.identity.IdentityProblem;
import dev.saaskit.identity.Throttle;
import dev.saaskit.identity.accounts.Accounts;
import dev.saaskit.identity.accounts.Emails;
import dev.saaskit.identity.accounts.Passwords;
import dev.saaskit.identity.members.Members;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/v1/login}: email and password for a token pair scoped to {@code
 * organization_id}, or to the account's oldest active membership.
 *
 * <p>Every attempt counts against {@link Throttle} for the email and the IP before the password is
 * checked, so parallel guesses cannot outrun the lock; a locked email or IP gets 429 with {@code
 * Retry-After}. A wrong password, an unknown email and a disabled account get the same 401 after
 * the same bcrypt work. Failures are audited although the request fails.
 */
public final class Login implements Endpoint<Login.Request, SignedIn> {

  public record Request(String email, String password, UUID organizationId) implements Validatable {
    @Override
    public void validate(Violations v) {
      v.email("email", email);
      if (v.required("password", password)) {
        if (password.isEmpty()) {
          v.add("password", "must not be empty");
        } else if (password.getBytes(StandardCharsets.UTF_8).length > Passwords.MAX_BYTES) {
          v.add("password", "must be at most " + Passwords.MAX_BYTES + " bytes");
        }
      }
    }
  }

  private final Sessions sessions;

  public Login(Sessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public boolean answersWithSecrets() {
    return true;
  }

  @Override
  public Reply<SignedIn> handle(Call<Request> call) {
    String email = Emails.normalize(call.body().email());
    String ip = call.request().sourceIp();
    Throttle throttle = new Throttle(call.autocommitDb(), Throttle.Kind.SIGN_IN);
    throttle.attempt(email, ip, call.now());
    Optional<Accounts.Account> found = new Accounts(call.db()).findByEmail(email);
    boolean passwordMatches = Passwords.matches(call.body().password(), found.map(Accounts.Account::passwordHash).orElse(null));
    if (found.isEmpty() || !found.get().active() || !passwordMatches) {
      UUID known = found.map(Accounts.Account::id).orElse(null);
      call.audit(null, known, IdentityAction.USER_LOGIN_FAILED, "user", known, Map.of("email", email));
      throw new ApiException(ProblemType.UNAUTHENTICATED, "the email or the password is wrong").code(IdentityProblem.INVALID_CREDENTIALS).keepChanges();
    }
    Accounts.Account user = found.get();
    throttle.succeeded(email, ip);
    Members memberships = new Members(call.db());
    UUID wanted = call.body().organizationId();
    Members.Membership membership = wanted != null
        ? memberships.activeMembership(user.id(), wanted).orElseThrow(() -> ApiException.notFound("organization"))
        : memberships.activeMemberships(user.id()).stream().findFirst()
            .orElseThrow(() -> new ApiException(ProblemType.FORBIDDEN, "the account belongs to no organization; ask for an invitation").code(IdentityProblem.NO_ORGANIZATION));
    call.audit(membership.organizationId(), user.id(), IdentityAction.USER_LOGIN, "user", user.id(), Map.of());
    return Reply.ok(SignIn.start(sessions, call, user, membership));
  }
}
