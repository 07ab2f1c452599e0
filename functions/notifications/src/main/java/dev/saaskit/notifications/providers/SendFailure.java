package dev.saaskit.notifications.providers;

/**
 * A provider refused or failed a message, with its reason as the delivery records it. Permanent
 * failures (a rejected address or message) are not tried again; others are, with back-off.
 */
public final class SendFailure extends RuntimeException {

  private final String provider;
  private final boolean permanent;

  public SendFailure(String provider, boolean permanent, String reason, Throwable cause) {
    super(reason, cause, false, false);
    this.provider = provider;
    this.permanent = permanent;
  }

  public String provider() {
    return provider;
  }

  public boolean permanent() {
    return permanent;
  }

  /** The reason as stored: the provider's words, shortened. */
  public String reason() {
    String reason = provider + ": " + getMessage();
    return reason.length() > 500 ? reason.substring(0, 500) : reason;
  }
}
