package dev.saaskit.notifications.providers;

import dev.saaskit.shared.aws.AwsClients;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.resilience.DependencyUnavailableException;
import dev.saaskit.shared.resilience.Outbound;
import java.util.Optional;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * Email through Amazon SES (API v2, {@code SendEmail} with simple content). {@code
 * SES_CONFIGURATION_SET}, when set, names the configuration set whose event destination reports
 * bounces and complaints. The endpoint follows {@code AWS_ENDPOINT_URL_SESV2} / {@code
 * AWS_ENDPOINT_URL} like every AWS client of the platform.
 */
public final class SesMailer implements Mailer {

  static final String PROVIDER = "ses";

  private final SesV2Client ses;
  private final Outbound outbound;
  private final Optional<String> configurationSet;

  SesMailer(SesV2Client ses, Outbound outbound, Optional<String> configurationSet) {
    this.ses = ses;
    this.outbound = outbound;
    this.configurationSet = configurationSet;
  }

  static SesMailer fromSettings(Outbound outbound) {
    return new SesMailer(AwsClients.build(SesV2Client.builder(), "AWS_ENDPOINT_URL_SESV2"), outbound,
        Settings.find("SES_CONFIGURATION_SET"));
  }

  @Override
  public Sent send(Email email) {
    try {
      String id = outbound.call(PROVIDER, AwsClients::isTransient, () -> ses.sendEmail(r -> {
        r.fromEmailAddress(email.from())
            .destination(d -> d.toAddresses(email.to()))
            .content(c -> c.simple(m -> m.subject(text(email.subject())).body(body(email))));
        configurationSet.ifPresent(r::configurationSetName);
      }).messageId());
      return new Sent(PROVIDER, id);
    } catch (DependencyUnavailableException e) {
      throw new Unavailable(e);
    } catch (SendingPausedException | AccountSuspendedException e) {
      // Nothing the account sends gets through: another provider may.
      throw new Unavailable(e);
    } catch (SesV2Exception e) {
      throw new SendFailure(PROVIDER, true, e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage(), e);
    }
  }

  private static Body body(Email email) {
    Body.Builder body = Body.builder().text(text(email.text()));
    if (email.html() != null) {
      body.html(text(email.html()));
    }
    return body.build();
  }

  private static Content text(String value) {
    return Content.builder().data(value).charset("UTF-8").build();
  }

  /** SES cannot send anything now (down, throttled past the retries, or the account paused): a failover may. */
  static final class Unavailable extends RuntimeException {
    Unavailable(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }

    SendFailure asFailure() {
      return new SendFailure(PROVIDER, false, "unavailable: " + getMessage(), this);
    }
  }
}
