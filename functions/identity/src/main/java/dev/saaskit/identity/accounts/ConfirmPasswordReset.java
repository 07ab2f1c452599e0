package dev.saaskit.identity.accounts;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.identity.Throttle;
import dev.saaskit.identity.sessions.Sessions;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.Map;

/**
 * {@code POST /api/v1/password-reset/confirm}: the token from the reset email and a new password.
 * The token is used up, every session of the account ends, the email's failed sign-ins are
 * forgiven, and the address counts as verified (the token proved it is read).
 */
public final class ConfirmPasswordReset implements Endpoint<ConfirmPasswordReset.Request, Void> {

  public record Request(String token, String password) implements Validatable {
    @Override
    public void validate(Violations v) {
      v.text("token", token, 200);
      Passwords.validate(v, "password", password, null);
    }
  }

  @Override
  public Reply<Void> handle(Call<Request> call) {
    EmailTokens.Redeemable redeemed = new EmailTokens(call.db()).redeem(call.body().token(), EmailTokens.Purpose.RESET_PASSWORD, call.now())
        .orElseThrow(() -> ApiException.invalid("token", "is not valid, was already used or has expired; request a new reset email"));
    Accounts users = new Accounts(call.db());
    Accounts.Account user = users.findForUpdate(redeemed.userId()).orElseThrow();
    Violations v = new Violations();
    Passwords.validate(v, "password", call.body().password(), user.email());
    v.throwIfAny();
    users.setPassword(user.id(), Passwords.hash(call.body().password()), call.now());
    if (!user.emailVerified() && user.email().equals(redeemed.email())) {
      users.verifyEmail(user.id(), user.email(), call.now());
    }
    int ended = Sessions.revokeAllOf(call.db(), user.id(), null, "password_reset", call.now());
    new Throttle(call.db(), Throttle.Kind.SIGN_IN).forgive(user.email());
    call.audit(null, user.id(), IdentityAction.USER_PASSWORD_RESET, "user", user.id(), Map.of("sessions_ended", ended));
    return Reply.noContent();
  }
}
