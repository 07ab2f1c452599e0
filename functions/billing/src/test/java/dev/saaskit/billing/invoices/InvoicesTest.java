package dev.saaskit.billing.invoices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.billing.Billing;
import dev.saaskit.billing.TestStripe;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code list-invoices}, {@code get-invoice} and {@code list-payments}: what the webhook brought in, per organization. */
class InvoicesTest {

  final Tenant tenant = Billing.tenant();

  ApiResponse get(String path) {
    return Api.get(path).bearer(tenant.token(Role.BILLING_ADMIN)).send();
  }

  @Nested
  class Ok {
    @Test
    void each_period_has_an_invoice_with_its_hosted_page_and_pdf_and_a_payment() {
      Billing.subscribed(tenant, "pro");
      TestStripe.get().advance(Duration.ofDays(30));
      Billing.applyEvents();

      JsonNode invoices = get("/api/v1/billing/invoices").json().path("data");
      assertThat(invoices).hasSize(2).allSatisfy(i -> {
        assertThat(i.path("status").asString()).isEqualTo("paid");
        assertThat(i.path("amount_due").asLong()).isEqualTo(2900);
        assertThat(i.path("currency").asString()).isEqualTo("usd");
        assertThat(i.path("hosted_invoice_url").asString()).startsWith(TestStripe.get().apiBase() + "/invoices/in_");
        assertThat(i.path("invoice_pdf").asString()).endsWith("/pdf");
      });
      ApiResponse one = get("/api/v1/billing/invoices/" + invoices.get(1).path("id").asString());
      assertThat(one.json()).isEqualTo(invoices.get(1));

      JsonNode payments = get("/api/v1/billing/payments").json().path("data");
      assertThat(payments).hasSize(2).allSatisfy(p -> {
        assertThat(p.path("status").asString()).isEqualTo("paid");
        assertThat(p.path("amount").asLong()).isEqualTo(2900);
        assertThat(p.path("stripe_payment_intent_id").asString()).startsWith("pi_");
      });
      assertThat(payments).extracting(p -> p.path("invoice_id").asString())
          .containsExactlyInAnyOrder(invoices.get(0).path("id").asString(), invoices.get(1).path("id").asString());
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_invoice_or_another_organizations() {
      Tenant other = Billing.tenant();
      Billing.subscribed(other, "pro");
      Billing.applyEvents();
      String theirs = Api.get("/api/v1/billing/invoices").bearer(other.token(Role.ORG_ADMIN)).send().json().path("data").get(0).path("id").asString();

      assertThat(get("/api/v1/billing/invoices/" + theirs).status()).isEqualTo(404);
      assertThat(get("/api/v1/billing/invoices/" + UUID.randomUUID()).status()).isEqualTo(404);
      assertThat(get("/api/v1/billing/invoices").json().path("data")).isEmpty();
      assertThat(get("/api/v1/billing/payments").json().path("data")).isEmpty();
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_id_that_is_not_a_uuid_or_a_bad_cursor() {
      assertThat(get("/api/v1/billing/invoices/in_1").problem()).isEqualTo("invalid_parameter");
      assertThat(get("/api/v1/billing/payments?limit=1000").problem()).isEqualTo("invalid_parameter");
    }
  }
}
