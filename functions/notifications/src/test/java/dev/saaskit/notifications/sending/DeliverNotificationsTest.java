package dev.saaskit.notifications.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.notifications.Notify;
import dev.saaskit.notifications.QueuePump;
import dev.saaskit.notifications.Smtp;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestQueues;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The notifications queue's consumer, fed by the tests' SQS as Lambda's event source mapping would feed it. */
class DeliverNotificationsTest {

  static final String QUEUE = "notifications";
  static final String FUNCTION = "deliver-notifications";

  static Map<String, Object> verifyEmail(String to, String token) {
    return Notify.identityMessage("verify_email", to, Map.of("full_name", "Ada <Lovelace>", "token", token, "expires_at", "2030-01-31T12:00:00Z"), null);
  }

  static void publishAndPump(Object message) {
    QueuePump.publish(QUEUE, message, UUID.randomUUID().toString());
    QueuePump.drain(QUEUE, FUNCTION);
  }

  @Nested
  class Ok {
    @Test
    void a_verification_email_arrives_with_the_token_only_inside_its_link() {
      String to = Notify.address();
      String token = "tok_" + UUID.randomUUID().toString().replace("-", "");

      publishAndPump(verifyEmail(to, token));

      List<Smtp.Received> mail = Smtp.to(to);
      assertThat(mail).hasSize(1);
      Smtp.Received m = mail.get(0);
      assertThat(m.subject()).isEqualTo("Confirm your email address");
      assertThat(m.from()).contains("no-reply@saaskit.test");
      String link = Smtp.APP_URL + "/verify-email?token=" + token;
      assertThat(m.text()).contains(link).contains("Hello Ada <Lovelace>,");
      assertThat(m.text().split(java.util.regex.Pattern.quote(token), -1)).hasSize(2);
      assertThat(m.html()).contains("href=\"" + link + "\"").contains("Ada &lt;Lovelace&gt;").doesNotContain("<Lovelace>");
      List<Map<String, Object>> deliveries = Notify.deliveriesTo(to);
      assertThat(deliveries).singleElement().satisfies(d -> {
        assertThat(d.get("status")).isEqualTo("sent");
        assertThat(d.get("provider")).isEqualTo("smtp");
        assertThat(d.get("attempts")).isEqualTo(1);
      });
    }

    @Test
    void the_token_is_not_kept_once_the_message_is_sent() {
      String to = Notify.address();
      String token = "tok_" + UUID.randomUUID().toString().replace("-", "");

      publishAndPump(verifyEmail(to, token));

      assertThat(Notify.rows("select n.* from notifications n join notification_deliveries d on d.notification_id = n.id where d.address = ?", to))
          .singleElement().satisfies(n -> {
            assertThat(n.get("variables")).isNull();
            assertThat(n.toString()).doesNotContain(token);
          });
    }

    @Test
    void an_invitation_uses_the_organizations_own_template_when_it_has_one() {
      Tenant tenant = Notify.tenant();
      Api.post("/api/v1/notifications/templates").bearer(tenant.token(Role.ORG_ADMIN)).json(Map.of(
          "name", "organization_invitation", "channel", "email", "subject", "Join {{organization_name}}!",
          "body", "Open {{app_url}}/join?t={{token}}", "variables", List.of("organization_name", "token"))).send();
      String to = Notify.address();

      publishAndPump(Notify.identityMessage("organization_invitation", to, Map.of("organization_name", "Engines", "invited_by", "Ada",
          "role", "user", "token", "abc", "expires_at", "2030-01-01T00:00:00Z"), tenant.organizationId()));

      assertThat(Smtp.to(to)).singleElement().satisfies(m -> {
        assertThat(m.subject()).isEqualTo("Join Engines!");
        assertThat(m.text()).contains(Smtp.APP_URL + "/join?t=abc");
        assertThat(m.html()).isNull();
      });
    }

    @Test
    void another_organizations_template_is_not_used() {
      Tenant other = Notify.tenant();
      Api.post("/api/v1/notifications/templates").bearer(other.token(Role.ORG_ADMIN)).json(Map.of(
          "name", "organization_invitation", "channel", "email", "subject", "Other's invitation", "body", "x")).send();
      String to = Notify.address();

      publishAndPump(Notify.identityMessage("organization_invitation", to, Map.of("organization_name", "Engines", "invited_by", "Ada",
          "role", "user", "token", "abc", "expires_at", "2030-01-01T00:00:00Z"), Notify.tenant().organizationId()));

      assertThat(Smtp.to(to)).singleElement().satisfies(m -> assertThat(m.subject()).isEqualTo("You are invited to join Engines"));
    }
  }

  @Nested
  class Duplicates {
    @Test
    void a_message_delivered_twice_is_sent_once() {
      String to = Notify.address();
      String publishedId = UUID.randomUUID().toString();

      QueuePump.publish(QUEUE, verifyEmail(to, "once"), publishedId);
      QueuePump.publish(QUEUE, verifyEmail(to, "once"), publishedId);
      QueuePump.drain(QUEUE, FUNCTION);
      QueuePump.publish(QUEUE, verifyEmail(to, "once"), publishedId);
      QueuePump.drain(QUEUE, FUNCTION);

      assertThat(Smtp.to(to)).hasSize(1);
      assertThat(Notify.deliveriesTo(to)).hasSize(1);
    }

    @Test
    void two_messages_with_the_same_content_but_their_own_ids_are_two_emails() {
      String to = Notify.address();

      publishAndPump(verifyEmail(to, "same"));
      publishAndPump(verifyEmail(to, "same"));

      assertThat(Smtp.to(to)).hasSize(2);
    }
  }

  @Nested
  class Poison {
    @Test
    void a_poison_message_ends_in_the_dead_letter_queue_while_its_neighbours_are_delivered() {
      String first = Notify.address();
      String second = Notify.address();
      String marker = UUID.randomUUID().toString();
      QueuePump.publish(QUEUE, verifyEmail(first, "a"), UUID.randomUUID().toString());
      QueuePump.publish(QUEUE, Notify.identityMessage("no_such_template", marker + "@example.test", Map.of(), null), UUID.randomUUID().toString());
      QueuePump.publish(QUEUE, "{not json", UUID.randomUUID().toString());
      QueuePump.publish(QUEUE, verifyEmail(second, "b"), UUID.randomUUID().toString());

      QueuePump.drain(QUEUE, FUNCTION);

      assertThat(Smtp.to(first)).hasSize(1);
      assertThat(Smtp.to(second)).hasSize(1);
      List<String> dead = TestQueues.get().take(QUEUE + "-dlq", 1).stream().map(m -> m.body()).toList();
      assertThat(dead).hasSize(2).anySatisfy(body -> assertThat(body).contains(marker)).anySatisfy(body -> assertThat(body).isEqualTo("{not json"));
    }

    @Test
    void a_message_missing_a_variable_of_its_template_is_not_sent_with_a_blank() {
      String to = Notify.address();
      QueuePump.publish(QUEUE, Notify.identityMessage("verify_email", to, Map.of("full_name", "Ada"), null), UUID.randomUUID().toString());

      QueuePump.drain(QUEUE, FUNCTION);

      assertThat(Smtp.to(to)).isEmpty();
      assertThat(TestQueues.get().take(QUEUE + "-dlq", 1)).anySatisfy(m -> assertThat(m.body()).contains(to));
    }
  }

  @Nested
  class Suppressed {
    @Test
    void an_address_that_bounced_gets_nothing() {
      String to = Notify.address();
      Notify.sql("insert into email_suppressions (address, reason) values (?, 'bounce')", to);

      publishAndPump(verifyEmail(to, "x"));

      assertThat(Smtp.to(to)).isEmpty();
      assertThat(Notify.deliveriesTo(to)).singleElement().satisfies(d -> {
        assertThat(d.get("status")).isEqualTo("suppressed");
        assertThat(d.get("reason")).isEqualTo("bounce");
      });
    }
  }
}
