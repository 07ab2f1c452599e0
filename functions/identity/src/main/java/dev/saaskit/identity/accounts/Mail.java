package dev.saaskit.identity.accounts;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.outbox.Notification;
import java.util.Map;
import java.util.UUID;

/**
 * The emails identity sends, as {@link Notification}s on the notifications queue. Their variables:
 * {@code full_name}, {@code token} (the secret the link carries) and {@code expires_at}; the notice
 * of an email change also {@code new_email}.
 */
final class Mail {

  static final String VERIFY_EMAIL = "verify_email";
  static final String RESET_PASSWORD = "reset_password";
  static final String EMAIL_CHANGE_REQUESTED = "email_change_requested";
  static final String SIGN_UP_ATTEMPTED = "sign_up_attempted";
  static final String PASSWORD_RESET_WITHOUT_ACCOUNT = "password_reset_without_account";

  private Mail() {}

  static void verification(Call<?> call, Accounts.Account user, String to, EmailTokens.Issued token, UUID organization) {
    send(call, VERIFY_EMAIL, to, user.fullName(), token, organization);
  }

  static void passwordReset(Call<?> call, Accounts.Account user, EmailTokens.Issued token) {
    send(call, RESET_PASSWORD, user.email(), user.fullName(), token, null);
  }

  /** To the address the account has now: someone asked to move it to {@code newEmail}; the token takes it back. */
  static void emailChangeRequested(Call<?> call, Accounts.Account user, String newEmail, EmailTokens.Issued revert) {
    call.publish(Notification.QUEUE, new Notification(EMAIL_CHANGE_REQUESTED, user.email(),
        Map.of("full_name", user.fullName(), "new_email", newEmail, "token", revert.token(), "expires_at", revert.expiresAt().toString()), null));
  }

  /** To an address that has an account: someone tried to sign up with it. */
  static void signUpAttempted(Call<?> call, String to) {
    call.publish(Notification.QUEUE, new Notification(SIGN_UP_ATTEMPTED, to, Map.of(), null));
  }

  /** To an address without an (active) account: someone asked to reset its password. */
  static void passwordResetWithoutAccount(Call<?> call, String to) {
    call.publish(Notification.QUEUE, new Notification(PASSWORD_RESET_WITHOUT_ACCOUNT, to, Map.of(), null));
  }

  private static void send(Call<?> call, String template, String to, String fullName, EmailTokens.Issued token, UUID organization) {
    call.publish(Notification.QUEUE, new Notification(template, to,
        Map.of("full_name", fullName, "token", token.token(), "expires_at", token.expiresAt().toString()), organization));
  }
}
