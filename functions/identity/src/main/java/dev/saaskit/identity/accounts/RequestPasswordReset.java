package dev.saaskit.identity.accounts;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.identity.Throttle;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/v1/password-reset}: queues a reset email with a single-use token valid for an
 * hour, when the email has an active account, and otherwise a notice that the address has none.
 * The answer is 202 with the same body either way, after the same kind of work, so neither its
 * content nor its timing tells whether an account exists.
 */
public final class RequestPasswordReset implements Endpoint<RequestPasswordReset.Request, RequestPasswordReset.Response> {

  public record Request(String email) implements Validatable {
    @Override
    public void validate(Violations v) {
      v.email("email", email);
    }
  }

  public record Response(String status, String detail) {}

  static final Response ACCEPTED =
      new Response("accepted", "if an account uses this email, a message with a reset link is on its way");

  @Override
  public Reply<Response> handle(Call<Request> call) {
    String email = Emails.normalize(call.body().email());
    new Throttle(call.autocommitDb(), Throttle.Kind.PASSWORD_RESET).attempt(email, call.request().sourceIp(), call.now());
    Optional<Accounts.Account> user = new Accounts(call.db()).findByEmail(email).filter(Accounts.Account::active);
    if (user.isPresent()) {
      EmailTokens.Issued token = new EmailTokens(call.db()).issue(user.get().id(), EmailTokens.Purpose.RESET_PASSWORD, user.get().email(), call.now());
      Mail.passwordReset(call, user.get(), token);
      call.audit(null, user.get().id(), IdentityAction.USER_PASSWORD_RESET_REQUESTED, "user", user.get().id(), Map.of());
    } else {
      // The same work either way (a message through the outbox), so the answer's timing tells nothing.
      Mail.passwordResetWithoutAccount(call, email);
    }
    return Reply.accepted(ACCEPTED);
  }
}
