package dev.saaskit.support.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.support.Support;
import dev.saaskit.testkit.Events;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestStorage;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PurgeUploadsTest {

  final Tenant tenant = Support.tenant();
  final UUID ticket = Support.ticket(tenant, Role.USER);

  @Test
  void removes_uploads_never_completed_an_hour_after_their_window_with_their_objects_and_keeps_the_rest() {
    JsonNode abandoned = Uploads.declared(tenant.token(Role.USER), ticket, "gone.txt", "text/plain", 3);
    Uploads.put(abandoned.path("upload"), "text/plain", "abc".getBytes(StandardCharsets.UTF_8));
    JsonNode recent = Uploads.declared(tenant.token(Role.USER), ticket, "soon.txt", "text/plain", 3);
    String kept = Uploads.uploaded(tenant.token(Role.USER), ticket, "kept.txt", "text/plain", "xyz".getBytes(StandardCharsets.UTF_8));
    Support.sql("update support_attachments set upload_expires_at = now() - interval '61 minutes' where id = ?",
        UUID.fromString(abandoned.path("attachment").path("id").asString()));

    Lambda.invoke("support-purge-uploads", Events.scheduled("arn:aws:scheduler:us-east-1:123456789012:schedule/default/support-purge-uploads").toString());

    assertThat(ids()).contains(recent.path("attachment").path("id").asString(), kept)
        .doesNotContain(abandoned.path("attachment").path("id").asString());
    String prefix = "support/" + tenant.organizationId() + "/" + ticket + "/";
    assertThat(TestStorage.get().client().listObjectsV2(l -> l.bucket(TestStorage.get().bucket()).prefix(prefix)).contents())
        .extracting(o -> o.key()).containsExactly(prefix + kept);
  }

  private java.util.List<String> ids() {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery("select id::text from support_attachments where ticket_id = ?")
        .bind(0, ticket).mapTo(String.class).list());
  }
}
