package dev.saaskit.identity.accounts;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.Map;

/**
 * {@code POST /api/v1/verify-email}: the token from a verification email. Marks the address
 * verified; for an email change, the account switches to the new address now (409 if another
 * account took it meanwhile).
 */
public final class VerifyEmail implements Endpoint<VerifyEmail.Request, VerifyEmail.Response> {

  public record Request(String token) implements Validatable {
    @Override
    public void validate(Violations v) {
      v.text("token", token, 200);
    }
  }

  public record Response(String email, boolean emailVerified) {}

  @Override
  public Reply<Response> handle(Call<Request> call) {
    EmailTokens.Redeemable redeemed = new EmailTokens(call.db()).redeem(call.body().token(), EmailTokens.Purpose.VERIFY_EMAIL, call.now())
        .orElseThrow(() -> ApiException.invalid("token", "is not valid, was already used or has expired"));
    Accounts users = new Accounts(call.db());
    Accounts.Account user = users.findForUpdate(redeemed.userId()).orElseThrow();
    users.verifyEmail(user.id(), redeemed.email(), call.now());
    if (!user.email().equals(redeemed.email())) {
      // The account moved: a verification still out for an address it had must not move it back, and
      // a reset link sent to the old address must not reach the account any more.
      EmailTokens tokens = new EmailTokens(call.db());
      tokens.discard(user.id(), EmailTokens.Purpose.VERIFY_EMAIL, null, call.now());
      tokens.discard(user.id(), EmailTokens.Purpose.RESET_PASSWORD, null, call.now());
    }
    Map<String, Object> details = user.email().equals(redeemed.email())
        ? Map.of("email", redeemed.email())
        : Map.of("email", redeemed.email(), "previous_email", user.email());
    call.audit(null, user.id(), IdentityAction.USER_EMAIL_VERIFIED, "user", user.id(), details);
    return Reply.ok(new Response(redeemed.email(), true));
  }
}
