package dev.saaskit.identity.accounts;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.identity.sessions.Sessions;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.Map;

/**
 * {@code POST /api/v1/email-change/revert} (public): the link in the notice sent to an account's
 * address when someone asked to change it. Whether or not the change was verified meanwhile, the
 * account gets that address back (verified: the link proves the mailbox), every pending email and
 * reset token of the account is used up, and every session ends, the one that asked for the change
 * too. Whoever asked may still know the password: the answer says to reset it.
 */
public final class RevertEmailChange implements Endpoint<RevertEmailChange.Request, RevertEmailChange.Response> {

  public record Request(String token) implements Validatable {
    @Override
    public void validate(Violations v) {
      v.text("token", token, 200);
    }
  }

  public record Response(String email, int sessionsEnded, String detail) {}

  @Override
  public Reply<Response> handle(Call<Request> call) {
    EmailTokens tokens = new EmailTokens(call.db());
    EmailTokens.Redeemable redeemed = tokens.redeem(call.body().token(), EmailTokens.Purpose.REVERT_EMAIL, call.now())
        .orElseThrow(() -> ApiException.invalid("token", "is not valid, was already used or has expired"));
    Accounts accounts = new Accounts(call.db());
    Accounts.Account account = accounts.findForUpdate(redeemed.userId()).orElseThrow();
    accounts.verifyEmail(account.id(), redeemed.email(), call.now());
    for (EmailTokens.Purpose purpose : EmailTokens.Purpose.values()) {
      tokens.discard(account.id(), purpose, null, call.now());
    }
    int ended = Sessions.revokeAllOf(call.db(), account.id(), null, "email_change_reverted", call.now());
    call.audit(null, account.id(), IdentityAction.USER_EMAIL_CHANGE_REVERTED, "user", account.id(),
        Map.of("email", redeemed.email(), "from", account.email(), "sessions_ended", ended));
    return Reply.ok(new Response(redeemed.email(), ended,
        "the account's email is " + redeemed.email() + " again and every session has ended; reset the password if anyone else may know it"));
  }
}
