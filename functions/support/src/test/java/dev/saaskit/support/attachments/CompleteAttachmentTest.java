package dev.saaskit.support.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.support.Support;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestStorage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/** Against the embedded S3 (S3Proxy), which checks the presigned PUT's signed type and length. */
class CompleteAttachmentTest {

  final Tenant tenant = Support.tenant();
  final UUID ticket = Support.ticket(tenant, Role.USER);

  @Nested
  class Ok {
    @Test
    void makes_an_uploaded_file_available_and_again_answers_the_same() {
      JsonNode d = Uploads.declared(tenant.token(Role.USER), ticket, "a.txt", "text/plain", 5);
      Uploads.put(d.path("upload"), "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
      String id = d.path("attachment").path("id").asString();

      ApiResponse first = Uploads.complete(tenant.token(Role.USER), ticket, id);
      ApiResponse again = Uploads.complete(tenant.token(Role.ORG_ADMIN), ticket, id);

      assertThat(first.status()).isEqualTo(200);
      assertThat(first.json().path("status").asString()).isEqualTo("available");
      assertThat(first.json().path("completed_at").asString()).isNotBlank();
      assertThat(again.json()).isEqualTo(first.json());
    }
  }

  @Nested
  class Conflict {
    @Test
    void s3_refuses_a_put_of_another_type_and_complete_finds_nothing() {
      JsonNode d = Uploads.declared(tenant.token(Role.USER), ticket, "a.png", "image/png", 4);

      HttpResponse<String> put = Uploads.put(d.path("upload"), "text/html", "<b>x".getBytes(StandardCharsets.UTF_8));
      ApiResponse r = Uploads.complete(tenant.token(Role.USER), ticket, d.path("attachment").path("id").asString());

      assertThat(put.statusCode()).isEqualTo(403);
      assertThat(put.body()).contains("SignatureDoesNotMatch");
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().path("code").asString()).isEqualTo("upload_missing");
    }

    @Test
    void s3_refuses_a_put_of_another_size() {
      JsonNode d = Uploads.declared(tenant.token(Role.USER), ticket, "a.txt", "text/plain", 4);

      assertThat(Uploads.put(d.path("upload"), "text/plain", "longer".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(403);
      assertThat(Uploads.put(d.path("upload"), "text/plain", "sh".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(403);
    }

    @Test
    void an_object_put_there_otherwise_with_another_size_is_deleted_with_its_declaration() {
      JsonNode d = Uploads.declared(tenant.token(Role.USER), ticket, "a.txt", "text/plain", 4);
      String key = "support/" + tenant.organizationId() + "/" + ticket + "/" + d.path("attachment").path("id").asString();
      S3Client s3 = TestStorage.get().client();
      s3.putObject(p -> p.bucket(TestStorage.get().bucket()).key(key).contentType("text/plain"), RequestBody.fromString("not four bytes"));

      ApiResponse r = Uploads.complete(tenant.token(Role.USER), ticket, d.path("attachment").path("id").asString());

      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().path("code").asString()).isEqualTo("upload_mismatch");
      assertThat(s3.listObjectsV2(l -> l.bucket(TestStorage.get().bucket()).prefix(key)).contents()).isEmpty();
      assertThat(Uploads.complete(tenant.token(Role.USER), ticket, d.path("attachment").path("id").asString()).status()).isEqualTo(404);
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_attachment_of_another_ticket() {
      JsonNode d = Uploads.declared(tenant.token(Role.USER), ticket, "a.txt", "text/plain", 5);
      UUID other = Support.ticket(tenant, Role.USER);

      assertThat(Uploads.complete(tenant.token(Role.USER), other, d.path("attachment").path("id").asString()).status()).isEqualTo(404);
    }

    @Test
    void a_ticket_the_caller_does_not_reach() {
      JsonNode d = Uploads.declared(tenant.token(Role.USER), ticket, "a.txt", "text/plain", 5);

      assertThat(Uploads.complete(tenant.token(Role.BILLING_ADMIN), ticket, d.path("attachment").path("id").asString()).status()).isEqualTo(404);
    }
  }
}
