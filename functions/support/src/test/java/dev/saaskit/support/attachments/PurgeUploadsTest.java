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

    purge();

    assertThat(ids()).contains(recent.path("attachment").path("id").asString(), kept)
        .doesNotContain(abandoned.path("attachment").path("id").asString());
    String prefix = "support/" + tenant.organizationId() + "/" + ticket + "/";
    assertThat(objects(prefix)).containsExactly(prefix + kept);
  }

  @Test
  void deletes_the_files_of_a_purged_organizations_attachments_whose_rows_went_by_cascade() {
    Uploads.uploaded(tenant.token(Role.USER), ticket, "kept.txt", "text/plain", "xyz".getBytes(StandardCharsets.UTF_8));
    JsonNode pending = Uploads.declared(tenant.token(Role.USER), ticket, "later.txt", "text/plain", 3);
    Uploads.put(pending.path("upload"), "text/plain", "abc".getBytes(StandardCharsets.UTF_8));
    String prefix = "support/" + tenant.organizationId() + "/";
    assertThat(objects(prefix)).hasSize(2);

    // What identity's purge-organizations does: one delete, the rest by cascade.
    TestDatabase.execute("delete from organizations where id = ?", tenant.organizationId());
    JsonNode run = purge();

    assertThat(objects(prefix)).isEmpty();
    assertThat(run.path("deleted_files").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(TestDatabase.rows("select 1 from support_deleted_files where object_key like ?", prefix + "%")).isEmpty();
  }

  private static JsonNode purge() {
    return dev.saaskit.shared.json.Json.tree(Lambda.invoke("support-purge-uploads",
        Events.scheduled("arn:aws:scheduler:us-east-1:123456789012:schedule/default/support-purge-uploads").toString()));
  }

  private static java.util.List<String> objects(String prefix) {
    return TestStorage.get().client().listObjectsV2(l -> l.bucket(TestStorage.get().bucket()).prefix(prefix)).contents().stream()
        .map(o -> o.key())
        .filter(key -> !key.endsWith("/"))  // S3Proxy's file system store lists the folders it made
        .toList();
  }

  private java.util.List<String> ids() {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery("select id::text from support_attachments where ticket_id = ?")
        .bind(0, ticket).mapTo(String.class).list());
  }
}
