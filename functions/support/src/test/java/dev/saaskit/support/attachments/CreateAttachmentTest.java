package dev.saaskit.support.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.support.Support;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.shared.limits.Limits;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CreateAttachmentTest {

  final Tenant tenant = Support.tenant();
  final UUID ticket = Support.ticket(tenant, Role.USER);

  @Nested
  class Ok {
    @Test
    void answers_a_put_url_bound_to_the_declared_type_size_and_disposition_valid_for_minutes() {
      JsonNode d = Uploads.declared(tenant.token(Role.USER), ticket, "screen.png", "image/png", 1234);

      JsonNode upload = d.path("upload");
      assertThat(upload.path("method").asString()).isEqualTo("PUT");
      assertThat(upload.path("url").asString()).contains("X-Amz-SignedHeaders=content-disposition%3Bcontent-length%3Bcontent-type%3Bhost");
      assertThat(upload.path("headers").path("content-type").asString()).isEqualTo("image/png");
      assertThat(upload.path("headers").path("content-length").asString()).isEqualTo("1234");
      assertThat(upload.path("headers").path("content-disposition").asString()).startsWith("attachment; filename=\"screen.png\"");
      assertThat(Instant.parse(upload.path("expires_at").asString())).isBefore(Instant.now().plus(Duration.ofMinutes(11)));
      assertThat(d.path("attachment").path("status").asString()).isEqualTo("pending");
    }

    @Test
    void an_agent_attaches_to_any_organizations_ticket() {
      assertThat(Uploads.declare(Support.agent().token(), ticket, "fix.txt", "text/plain", 10).status()).isEqualTo(201);
    }
  }

  @Nested
  class PaymentRequired {
    @Test
    void an_organization_at_its_storage_limit_declared_uploads_included() {
      Support.ownPlan(tenant, 1000L);
      Uploads.declared(tenant.token(Role.USER), ticket, "a.txt", "text/plain", 600);

      ApiResponse r = Uploads.declare(tenant.token(Role.USER), ticket, "b.txt", "text/plain", 401);

      assertThat(r.status()).isEqualTo(402);
      assertThat(r.problem()).isEqualTo("limit_exceeded");
      assertThat(r.json().path("limit").asString()).isEqualTo("storage_bytes");
      assertThat(r.json().path("value").asLong()).isEqualTo(1000);
      assertThat(r.json().path("current").asLong()).isEqualTo(600);
      assertThat(Uploads.declare(tenant.token(Role.USER), ticket, "c.txt", "text/plain", 400).status()).as("what still fits").isEqualTo(201);
    }

    @Test
    void the_limit_reports_the_bytes_stored() {
      Uploads.declared(tenant.token(Role.USER), ticket, "a.txt", "text/plain", 77);

      long used = TestDatabase.get().withHandle(h -> Limits.usage(h, tenant.organizationId(), Limits.Limit.STORAGE_BYTES));

      assertThat(used).isEqualTo(77);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void a_type_not_allowed_a_size_beyond_the_limit_and_a_path_for_a_name() {
      ApiResponse r = Api.post("/api/v1/support/tickets/" + ticket + "/attachments").bearer(tenant.token(Role.USER))
          .json(Map.of("file_name", "../evil.html", "content_type", "text/html", "size_bytes", 26L * 1024 * 1024)).send();

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("file_name", "content_type", "size_bytes");
    }

    @Test
    void an_empty_file() {
      assertThat(Uploads.declare(tenant.token(Role.USER), ticket, "empty.txt", "text/plain", 0).problem()).isEqualTo("validation_failed");
    }
  }

  @Nested
  class NotFound {
    @Test
    void a_ticket_the_caller_does_not_reach() {
      assertThat(Uploads.declare(tenant.token(Role.BILLING_ADMIN), ticket, "a.txt", "text/plain", 1).status()).isEqualTo(404);
      assertThat(Uploads.declare(Support.tenant().token(Role.ORG_ADMIN), ticket, "a.txt", "text/plain", 1).status()).isEqualTo(404);
    }
  }

  @Nested
  class Conflict {
    @Test
    void a_closed_ticket_takes_no_files() {
      Support.Agent agent = Support.agent();
      Support.update(agent.token(), ticket, Map.of("status", "solved"));
      Support.update(agent.token(), ticket, Map.of("status", "closed"));

      ApiResponse r = Uploads.declare(tenant.token(Role.USER), ticket, "late.txt", "text/plain", 1);

      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().path("code").asString()).isEqualTo("ticket_closed");
    }
  }
}
