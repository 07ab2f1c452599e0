package dev.saaskit.identity.accounts;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.identity.IdentityProblem;
import dev.saaskit.identity.Throttle;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.identity.sessions.Sessions;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code POST /api/v1/change-password}: the current password and a new one. Every other session of
 * the account ends; the one making the change stays signed in. Wrong current passwords are
 * throttled like sign-ins (per account and IP), so a stolen access token cannot guess it.
 */
public final class ChangePassword implements Endpoint<ChangePassword.Request, Void> {

  public record Request(String currentPassword, String newPassword) implements Validatable {
    @Override
    public void validate(Violations v) {
      if (v.required("current_password", currentPassword) && (currentPassword.isEmpty()
          || currentPassword.getBytes(StandardCharsets.UTF_8).length > Passwords.MAX_BYTES)) {
        v.add("current_password", "is not correct");
      }
      Passwords.validate(v, "new_password", newPassword, null);
    }
  }

  @Override
  public Reply<Void> handle(Call<Request> call) {
    Throttle throttle = new Throttle(call.autocommitDb(), Throttle.Kind.PASSWORD_CHANGE);
    String account = call.caller().user().toString();
    throttle.attempt(account, call.request().sourceIp(), call.now());
    Accounts users = new Accounts(call.db());
    Accounts.Account user = users.findForUpdate(call.caller().user())
        .orElseThrow(() -> new ApiException(ProblemType.UNAUTHENTICATED, "the account no longer exists").code(IdentityProblem.ACCOUNT_INACTIVE));
    if (!Passwords.matches(call.body().currentPassword(), user.passwordHash())) {
      throw ApiException.invalid("current_password", "is not correct");
    }
    throttle.succeeded(account, call.request().sourceIp());
    Violations v = new Violations();
    Passwords.validate(v, "new_password", call.body().newPassword(), user.email());
    v.throwIfAny();
    users.setPassword(user.id(), Passwords.hash(call.body().newPassword()), call.now());
    // A reset link asked for before the change would otherwise undo it.
    new EmailTokens(call.db()).discard(user.id(), EmailTokens.Purpose.RESET_PASSWORD, null, call.now());
    int ended = Sessions.revokeAllOf(call.db(), user.id(), call.caller().sessionId(), "password_changed", call.now());
    call.audit(IdentityAction.USER_PASSWORD_CHANGED, "user", user.id(), Map.of("sessions_ended", ended));
    return Reply.noContent();
  }
}
