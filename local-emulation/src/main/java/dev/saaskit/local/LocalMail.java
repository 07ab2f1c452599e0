package dev.saaskit.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SMTP server on a loopback port that accepts every message and keeps it in memory, so mail the
 * functions send can be read at {@code GET /_local/mail} instead of reaching anyone.
 */
final class LocalMail implements AutoCloseable {

  private final GreenMail greenMail;
  private final int port;

  private LocalMail(GreenMail greenMail, int port) {
    this.greenMail = greenMail;
    this.port = port;
  }

  static LocalMail start(int port) {
    Ports.requireFree(port, "embedded SMTP", "LOCAL_SMTP_PORT");
    GreenMail greenMail = new GreenMail(new ServerSetup(port, Ports.LOOPBACK.getHostAddress(), ServerSetup.PROTOCOL_SMTP));
    try {
      greenMail.start();
    } catch (RuntimeException e) {
      throw new StartupException("embedded SMTP did not start on port " + port + " (" + LocalPostgres.firstLine(e)
          + "): set LOCAL_SMTP_PORT to a free port", e);
    }
    return new LocalMail(greenMail, greenMail.getSmtp().getPort());
  }

  int port() {
    return port;
  }

  String host() {
    return Ports.LOOPBACK.getHostAddress();
  }

  /** Every message received since start (or the last {@link #clear()}), oldest first. */
  List<Map<String, Object>> messages() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (MimeMessage m : greenMail.getReceivedMessages()) {
      Map<String, Object> message = new LinkedHashMap<>();
      try {
        message.put("message_id", m.getMessageID());
        message.put("from", addresses(m.getFrom()));
        message.put("to", addresses(m.getAllRecipients()));
        message.put("subject", m.getSubject());
        message.put("sent_at", m.getSentDate() == null ? null : m.getSentDate().toInstant().toString());
        message.put("content_type", m.getContentType());
        message.put("body", GreenMailUtil.getBody(m));
        message.put("text", part(m, "text/plain"));
        message.put("html", part(m, "text/html"));
      } catch (MessagingException e) {
        message.put("error", "unreadable message: " + e.getMessage());
      }
      out.add(message);
    }
    return out;
  }

  /**
   * The message's first part of {@code type}, decoded (the raw body may be quoted-printable, which
   * breaks a link's {@code =}); null when it has none.
   */
  private static String part(Part part, String type) {
    try {
      if (part.isMimeType(type)) {
        return part.getContent().toString();
      }
      if (part.getContent() instanceof Multipart parts) {
        for (int i = 0; i < parts.getCount(); i++) {
          String found = part(parts.getBodyPart(i), type);
          if (found != null) {
            return found;
          }
        }
      }
      return null;
    } catch (MessagingException | IOException e) {
      return null;
    }
  }

  void clear() {
    try {
      greenMail.purgeEmailFromAllMailboxes();
    } catch (Exception e) {
      throw new IllegalStateException("cannot clear the local mailboxes", e);
    }
  }

  private static List<String> addresses(Address[] addresses) {
    return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
