package dev.saaskit.notifications;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.saaskit.testkit.TestEnvironment;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/**
 * The tests' SMTP relay: an embedded GreenMail on a loopback port, which the functions under test
 * send to ({@code SMTP_HOST}, {@code SMTP_PORT}); links point at {@value #APP_URL}.
 */
public final class Smtp {

  public static final String APP_URL = "https://app.example.test";
  public static final String FROM = "Saaskit <no-reply@saaskit.test>";

  private static GreenMail server;

  private Smtp() {}

  public static synchronized GreenMail server() {
    if (server == null) {
      TestEnvironment.ensure();
      // Port 0: GreenMail binds a free port itself, so no other socket can take it first.
      GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      mail.start();
      System.setProperty("SMTP_HOST", "127.0.0.1");
      System.setProperty("SMTP_PORT", String.valueOf(mail.getSmtp().getPort()));
      System.setProperty("APP_URL", APP_URL);
      System.setProperty("EMAIL_FROM", FROM);
      Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
      server = mail;
    }
    return server;
  }

  public static int port() {
    return server().getSmtp().getPort();
  }

  /** A message to the address: its subject and its parts as received. */
  public record Received(String subject, String from, String text, String html, String raw) {}

  /** Every message received for {@code address}, oldest first. */
  public static List<Received> to(String address) {
    return Arrays.stream(server().getReceivedMessages())
        .filter(m -> recipients(m).contains(address))
        .map(Smtp::read)
        .toList();
  }

  private static List<String> recipients(MimeMessage m) {
    try {
      Address[] all = m.getAllRecipients();
      return all == null ? List.of() : Arrays.stream(all).map(Address::toString).toList();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Received read(MimeMessage m) {
    try {
      String text;
      String html = null;
      if (m.getContent() instanceof jakarta.mail.Multipart parts) {
        text = parts.getBodyPart(0).getContent().toString();
        html = parts.getCount() > 1 ? parts.getBodyPart(1).getContent().toString() : null;
      } else {
        text = m.getContent().toString();
      }
      return new Received(m.getSubject(), m.getFrom()[0].toString(), text, html, GreenMailUtil.getWholeMessage(m));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
