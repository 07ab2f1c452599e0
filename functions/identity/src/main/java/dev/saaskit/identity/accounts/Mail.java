package dev.saaskit.identity.accounts;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.outbox.Notification;
import java.util.Map;
import java.util.UUID;

/**
 * The emails auth sends, as {@link Notification}s on the notifications queue. Their variables:
 * {@code full_name}, {@code token} (the secret the link carries) and {@code expires_at}.
 */
final class Mail {

  static final String VERIFY_EMAIL = "verify_email";
  static final String RESET_PASSWORD = "reset_password";

  private Mail() {}

  static void verification(Call<?> call, Accounts.Account user, String to, EmailTokens.Issued token, UUID organization) {
    send(call, VERIFY_EMAIL, to, user.fullName(), token, organization);
  }

  static void passwordReset(Call<?> call, Accounts.Account user, EmailTokens.Issued token) {
    send(call, RESET_PASSWORD, user.email(), user.fullName(), token, null);
  }

  private static void send(Call<?> call, String template, String to, String fullName, EmailTokens.Issued token, UUID organization) {
    call.publish(Notification.QUEUE, new Notification(template, to,
        Map.of("full_name", fullName, "token", token.token(), "expires_at", token.expiresAt().toString()), organization));
  }
}
