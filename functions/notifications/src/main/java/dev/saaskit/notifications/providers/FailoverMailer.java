package dev.saaskit.notifications.providers;

/**
 * SES first and, while SES is unavailable (its retries used up or its circuit open, or the account
 * paused), the SMTP relay. A message SES refuses for itself (a rejected address) is not offered to
 * the relay: it would be refused there too, or should be.
 */
final class FailoverMailer implements Mailer {

  private final SesMailer primary;
  private final Mailer fallback;

  FailoverMailer(SesMailer primary, Mailer fallback) {
    this.primary = primary;
    this.fallback = fallback;
  }

  @Override
  public Sent send(Email email) {
    try {
      return primary.send(email);
    } catch (SesMailer.Unavailable e) {
      if (fallback == null) {
        throw e.asFailure();
      }
      return fallback.send(email);
    }
  }
}
