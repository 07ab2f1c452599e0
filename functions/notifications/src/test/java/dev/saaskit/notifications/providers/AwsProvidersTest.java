package dev.saaskit.notifications.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.notifications.Notify;
import dev.saaskit.notifications.QueuePump;
import dev.saaskit.notifications.Smtp;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.MotoServer;
import dev.saaskit.testkit.Tenant;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import tools.jackson.databind.JsonNode;

/**
 * Email through SES and text messages through SNS, against moto's server: the calls the AWS SDK
 * makes in AWS. With the SMTP relay configured too, SES's failover to it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsProvidersTest {

  static final String SENDER = "no-reply@saaskit.test";

  MotoServer moto;

  @BeforeAll
  void start() {
    moto = MotoServer.start();
    Smtp.server();
    try (SesV2Client ses = SesV2Client.builder().endpointOverride(URI.create(moto.endpoint())).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
      ses.createEmailIdentity(r -> r.emailIdentity(SENDER));
    }
  }

  @AfterAll
  void stop() {
    if (moto != null) {
      moto.close();
    }
  }

  Map<String, String> ses(String sesEndpoint) {
    return Map.of("EMAIL_PROVIDER", "ses", "EMAIL_FROM", SENDER, "AWS_ENDPOINT_URL_SESV2", sesEndpoint,
        "AWS_ENDPOINT_URL_SNS", moto.endpoint());
  }

  /** Publishes an identity-style email, then delivers it in a new consumer container with these settings. */
  void deliverWith(Map<String, String> settings, String to) {
    QueuePump.publish("notifications", Notify.identityMessage("sign_up_attempted", to, Map.of(), null), UUID.randomUUID().toString());
    Lambda.withSettings(settings, () -> QueuePump.once("notifications",
        event -> Lambda.invoke(Lambda.coldStart("deliver-notifications"), event)));
  }

  JsonNode motoData() {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(moto.endpoint() + "/moto-api/data.json")).build(),
          HttpResponse.BodyHandlers.ofString());
      return Json.tree(r.body());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  List<String> sesRecipients() {
    List<String> to = new ArrayList<>();
    motoData().path("ses").path("Message").forEach(m -> m.path("destinations").path("ToAddresses").forEach(a -> to.add(a.asString())));
    return to;
  }

  @Nested
  class Ses {
    @Test
    void sends_through_ses_and_records_its_message_id() {
      String to = Notify.address();

      deliverWith(ses(moto.endpoint()), to);

      assertThat(sesRecipients()).contains(to);
      assertThat(Smtp.to(to)).isEmpty();
      assertThat(Notify.deliveriesTo(to)).singleElement().satisfies(d -> {
        assertThat(d.get("status")).isEqualTo("sent");
        assertThat(d.get("provider")).isEqualTo("ses");
        assertThat((String) d.get("provider_message_id")).isNotBlank();
      });
    }

    @Test
    void fails_over_to_smtp_while_ses_is_unavailable() {
      String to = Notify.address();

      deliverWith(ses("http://127.0.0.1:" + MotoServer.freePort()), to);

      assertThat(Smtp.to(to)).hasSize(1);
      assertThat(Notify.deliveriesTo(to)).singleElement().satisfies(d -> {
        assertThat(d.get("status")).isEqualTo("sent");
        assertThat(d.get("provider")).isEqualTo("smtp");
      });
    }

    @Test
    void a_message_ses_refuses_fails_with_its_reason_and_is_not_offered_to_smtp() {
      String to = Notify.address();
      Map<String, String> settings = new java.util.HashMap<>(ses(moto.endpoint()));
      settings.put("EMAIL_FROM", "unverified@elsewhere.test");

      deliverWith(settings, to);

      assertThat(Smtp.to(to)).isEmpty();
      assertThat(Notify.deliveriesTo(to)).singleElement().satisfies(d -> {
        assertThat(d.get("status")).isEqualTo("failed");
        assertThat((String) d.get("reason")).startsWith("ses: ").contains("not verified");
      });
    }
  }

  @Nested
  class Sms {
    @Test
    void a_text_message_through_sns() {
      Tenant tenant = Notify.tenant();
      String phone = "+4179" + (1_000_000 + new java.util.Random().nextInt(8_999_999));
      Notify.sent(tenant, Map.of("content", Map.of("body", "Your code is 123456"), "recipients", List.of(Map.of("phone", phone)),
          "channels", List.of("sms")));

      Lambda.withSettings(ses(moto.endpoint()), () -> QueuePump.once("notifications",
          event -> Lambda.invoke(Lambda.coldStart("deliver-notifications"), event)));

      List<String> sms = new ArrayList<>();
      motoData().path("sns").path("SMS").forEach(m -> sms.add(m.path("phone_number").asString() + " " + m.path("message").asString()));
      assertThat(sms).contains(phone + " Your code is 123456");
      assertThat(Notify.rows("select status, provider from notification_deliveries where address = ?", phone))
          .singleElement().satisfies(d -> assertThat(d.get("provider")).isEqualTo("sns"));
    }
  }
}
