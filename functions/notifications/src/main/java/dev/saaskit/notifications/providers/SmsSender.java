package dev.saaskit.notifications.providers;

import dev.saaskit.shared.aws.AwsClients;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.resilience.DependencyUnavailableException;
import dev.saaskit.shared.resilience.Outbound;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * Text messages through Amazon SNS ({@code Publish} to a phone number), transactional, with the
 * sender id {@code SMS_SENDER_ID} where the country allows one. Endpoint: {@code
 * AWS_ENDPOINT_URL_SNS} / {@code AWS_ENDPOINT_URL}.
 */
public final class SmsSender {

  static final String PROVIDER = "sns";

  private final SnsClient sns;
  private final Outbound outbound;
  private final Map<String, MessageAttributeValue> attributes;

  SmsSender(SnsClient sns, Outbound outbound, Map<String, MessageAttributeValue> attributes) {
    this.sns = sns;
    this.outbound = outbound;
    this.attributes = attributes;
  }

  static SmsSender fromSettings(Outbound outbound) {
    Map<String, MessageAttributeValue> attributes = new HashMap<>();
    attributes.put("AWS.SNS.SMS.SMSType", MessageAttributeValue.builder().dataType("String").stringValue("Transactional").build());
    Settings.find("SMS_SENDER_ID").ifPresent(id ->
        attributes.put("AWS.SNS.SMS.SenderID", MessageAttributeValue.builder().dataType("String").stringValue(id).build()));
    return new SmsSender(AwsClients.build(SnsClient.builder(), "AWS_ENDPOINT_URL_SNS"), outbound, Map.copyOf(attributes));
  }

  public Sent send(String phoneNumber, String text) {
    try {
      String id = outbound.call(PROVIDER, AwsClients::isTransient,
          () -> sns.publish(r -> r.phoneNumber(phoneNumber).message(text).messageAttributes(attributes)).messageId());
      return new Sent(PROVIDER, id);
    } catch (DependencyUnavailableException e) {
      throw new SendFailure(PROVIDER, false, "unavailable: " + e.getCause().getMessage(), e);
    } catch (SnsException e) {
      throw new SendFailure(PROVIDER, true, e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage(), e);
    }
  }
}
