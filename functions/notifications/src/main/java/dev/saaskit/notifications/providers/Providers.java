package dev.saaskit.notifications.providers;

import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.resilience.Outbound;
import dev.saaskit.shared.runtime.Lazy;
import java.util.Locale;

/**
 * The providers messages leave through, each built on first use from the settings: email through
 * {@code EMAIL_PROVIDER} ({@code ses}, or {@code smtp}; by default {@code smtp} where {@code
 * SMTP_HOST} is set, else {@code ses}), with the SMTP relay as SES's failover when both are set up;
 * text messages through SNS. They are the notifications domain's own: no other function sends mail.
 */
public final class Providers {

  private final Lazy<Mailer> mailer;
  private final Lazy<SmsSender> sms;

  public Providers(Outbound outbound) {
    this.mailer = new Lazy<>(() -> mailer(outbound));
    this.sms = new Lazy<>(() -> SmsSender.fromSettings(outbound));
  }

  public Mailer mailer() {
    return mailer.get();
  }

  public SmsSender sms() {
    return sms.get();
  }

  /** The sender of every email: {@code EMAIL_FROM}. */
  public static String from() {
    return Settings.get("EMAIL_FROM", "saaskit <no-reply@saaskit.local>");
  }

  private static Mailer mailer(Outbound outbound) {
    boolean smtpConfigured = Settings.find("SMTP_HOST").isPresent();
    String provider = Settings.get("EMAIL_PROVIDER", smtpConfigured ? "smtp" : "ses").toLowerCase(Locale.ROOT);
    return switch (provider) {
      case "smtp" -> SmtpMailer.fromSettings(outbound);
      case "ses" -> new FailoverMailer(SesMailer.fromSettings(outbound), smtpConfigured ? SmtpMailer.fromSettings(outbound) : null);
      default -> throw new IllegalStateException("EMAIL_PROVIDER must be ses or smtp, was '" + provider + "'");
    };
  }
}
