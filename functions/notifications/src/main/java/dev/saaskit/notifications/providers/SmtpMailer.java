package dev.saaskit.notifications.providers;

import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.resilience.DependencyUnavailableException;
import dev.saaskit.shared.resilience.Outbound;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Email through any SMTP relay (Jakarta Mail): {@code SMTP_HOST}, {@code SMTP_PORT} (25), and where
 * the relay wants them {@code SMTP_USER} / {@code SMTP_PASSWORD} and {@code SMTP_STARTTLS=true}.
 * A text part, and an HTML alternative when the message has one. A relay's 4xx answer and a
 * broken connection are worth another attempt; a 5xx answer is the message's own fault.
 */
public final class SmtpMailer implements Mailer {

  static final String PROVIDER = "smtp";

  private final Session session;
  private final Outbound outbound;

  SmtpMailer(Session session, Outbound outbound) {
    this.session = session;
    this.outbound = outbound;
  }

  static SmtpMailer fromSettings(Outbound outbound) {
    Properties p = new Properties();
    p.put("mail.smtp.host", Settings.require("SMTP_HOST"));
    p.put("mail.smtp.port", String.valueOf(Settings.getInt("SMTP_PORT", 25)));
    p.put("mail.smtp.connectiontimeout", "5000");
    p.put("mail.smtp.timeout", "10000");
    p.put("mail.smtp.writetimeout", "10000");
    p.put("mail.smtp.starttls.enable", String.valueOf(Settings.getBoolean("SMTP_STARTTLS", false)));
    p.put("mail.smtp.starttls.required", String.valueOf(Settings.getBoolean("SMTP_STARTTLS", false)));
    Authenticator authenticator = null;
    if (Settings.find("SMTP_USER").isPresent()) {
      p.put("mail.smtp.auth", "true");
      String user = Settings.require("SMTP_USER");
      String password = Settings.get("SMTP_PASSWORD", "");
      authenticator = new Authenticator() {
        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
          return new PasswordAuthentication(user, password);
        }
      };
    }
    return new SmtpMailer(Session.getInstance(p, authenticator), outbound);
  }

  @Override
  public Sent send(Email email) {
    MimeMessage message;
    try {
      message = message(email);
    } catch (MessagingException e) {
      throw new SendFailure(PROVIDER, true, "cannot build the message: " + e.getMessage(), e);
    }
    try {
      outbound.call(PROVIDER, SmtpMailer::isTransient, () -> {
        try {
          Transport.send(message);
          return null;
        } catch (MessagingException e) {
          throw new SmtpException(e);
        }
      });
      return new Sent(PROVIDER, message.getMessageID());
    } catch (DependencyUnavailableException e) {
      throw new SendFailure(PROVIDER, false, "unavailable: " + rootMessage(e), e);
    } catch (SmtpException e) {
      throw new SendFailure(PROVIDER, true, rootMessage(e), e.getCause());
    } catch (MessagingException e) {
      throw new SendFailure(PROVIDER, true, e.getMessage(), e);
    }
  }

  private MimeMessage message(Email email) throws MessagingException {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(email.from()));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(email.to(), true));
    m.setSubject(email.subject(), StandardCharsets.UTF_8.name());
    m.setSentDate(new Date());
    if (email.html() == null) {
      m.setText(email.text(), StandardCharsets.UTF_8.name());
    } else {
      MimeBodyPart text = new MimeBodyPart();
      text.setText(email.text(), StandardCharsets.UTF_8.name());
      MimeBodyPart html = new MimeBodyPart();
      html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
      m.setContent(new MimeMultipart("alternative", text, html));
    }
    m.saveChanges();
    return m;
  }

  /** A relay's temporary refusal (4xx) or a connection that failed: another attempt may work. */
  static boolean isTransient(Throwable e) {
    Throwable t = e instanceof SmtpException ? e.getCause() : e;
    if (t instanceof SMTPAddressFailedException a) {
      return a.getReturnCode() >= 400 && a.getReturnCode() < 500;
    }
    if (t instanceof SMTPSendFailedException s) {
      return s.getReturnCode() >= 400 && s.getReturnCode() < 500;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
    }
    return t instanceof MessagingException m && m.getNextException() instanceof IOException;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
    return message;
  }

  /** A checked Jakarta Mail failure carried through the retry policy. */
  private static final class SmtpException extends RuntimeException {
    SmtpException(MessagingException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }
}
