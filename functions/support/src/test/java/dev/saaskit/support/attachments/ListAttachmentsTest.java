package dev.saaskit.support.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.support.Support;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Upload and download against the embedded S3 (S3Proxy, signatures checked), as a customer and an agent do it. */
class ListAttachmentsTest {

  final Tenant tenant = Support.tenant();
  final UUID ticket = Support.ticket(tenant, Role.USER);

  @Nested
  class Ok {
    @Test
    void a_customer_uploads_a_file_and_an_agent_downloads_it_as_an_attachment() {
      byte[] bytes = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
      String id = Uploads.uploaded(tenant.token(Role.USER), ticket, "report \"final\".txt", "text/plain", bytes);
      Support.Agent agent = Support.agent();

      ApiResponse r = Uploads.list(agent.token(), ticket);

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode file = r.json().path("data").get(0);
      assertThat(file.path("attachment").path("id").asString()).isEqualTo(id);
      assertThat(file.path("attachment").path("status").asString()).isEqualTo("available");
      assertThat(file.path("attachment").path("size_bytes").asLong()).isEqualTo(bytes.length);
      HttpResponse<String> download = Uploads.get(file.path("download_url").asString());
      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(download.body()).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
      assertThat(download.headers().firstValue("content-disposition")).hasValue(
          "attachment; filename=\"report _final_.txt\"; filename*=UTF-8''report%20%22final%22.txt");
      assertThat(download.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    }

    @Test
    void uploads_not_completed_are_not_listed() {
      Uploads.declared(tenant.token(Role.USER), ticket, "later.png", "image/png", 10);

      assertThat(Uploads.list(tenant.token(Role.ORG_ADMIN), ticket).json().path("data").size()).isZero();
    }

    @Test
    void the_object_key_is_namespaced_by_organization_and_ticket_and_never_shown() {
      JsonNode d = Uploads.declared(tenant.token(Role.USER), ticket, "a.pdf", "application/pdf", 3);

      assertThat(d.path("upload").path("url").asString())
          .contains("/support/" + tenant.organizationId() + "/" + ticket + "/" + d.path("attachment").path("id").asString());
      assertThat(d.path("attachment").has("object_key")).isFalse();
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_member_who_neither_opened_nor_follows_the_ticket() {
      assertThat(Uploads.list(tenant.token(Role.BILLING_ADMIN), ticket).status()).isEqualTo(404);
    }

    @Test
    void another_organizations_admin() {
      assertThat(Uploads.list(Support.tenant().token(Role.ORG_ADMIN), ticket).status()).isEqualTo(404);
    }
  }
}
