package dev.saaskit.auth;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.identity.Emails;
import dev.saaskit.shared.identity.Passwords;
import dev.saaskit.shared.identity.Sessions;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/v1/login}: email and password for a token pair scoped to {@code
 * organization_id}, or to the account's oldest active membership.
 *
 * <p>A wrong password, an unknown email and a disabled account get the same 401 after the same
 * bcrypt work, and count against {@link LoginThrottle}; a locked email or IP gets 429 with {@code
 * Retry-After} before any password is checked. Failures are committed and audited although the
 * request fails.
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
    LoginThrottle throttle = new LoginThrottle(call.db());
    Optional<Duration> locked = throttle.lockedFor(email, ip, call.now());
    if (locked.isPresent()) {
      long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
      throw new ApiException(ProblemType.RATE_LIMITED, "too many failed sign-ins; try again in " + seconds + " seconds")
          .header("retry-after", String.valueOf(seconds));
    }
    Optional<Users.User> found = new Users(call.db()).findByEmail(email);
    boolean passwordMatches = Passwords.matches(call.body().password(), found.map(Users.User::passwordHash).orElse(null));
    if (found.isEmpty() || !found.get().active() || !passwordMatches) {
      throttle.recordFailure(email, ip, call.now());
      UUID known = found.map(Users.User::id).orElse(null);
      call.audit(null, known, "user.login_failed", "user", known, Map.of("email", email));
      throw new ApiException(ProblemType.UNAUTHENTICATED, "the email or the password is wrong").keepChanges();
    }
    Users.User user = found.get();
    Memberships memberships = new Memberships(call.db());
    UUID wanted = call.body().organizationId();
    Memberships.Membership membership = wanted != null
        ? memberships.findActive(user.id(), wanted).orElseThrow(() -> ApiException.notFound("organization"))
        : memberships.activeOf(user.id()).stream().findFirst()
            .orElseThrow(() -> new ApiException(ProblemType.FORBIDDEN, "the account belongs to no organization; ask for an invitation"));
    throttle.reset(email);
    call.audit(membership.organizationId(), user.id(), "user.login", "user", user.id(), Map.of());
    return Reply.ok(SignIn.start(sessions, call, user, membership));
  }
}
