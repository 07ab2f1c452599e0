package dev.saaskit.notifications.providers;

/** Sends email through one provider; throws {@link SendFailure}. */
public interface Mailer {

  Sent send(Email email);
}
