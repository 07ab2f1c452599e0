package dev.saaskit.themes.assets;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.TestStorage;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.themes.Themes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import tools.jackson.databind.JsonNode;

class CompleteThemeUploadTest {

  final Tenant tenant = Themes.tenant();

  static List<String> storedKeys(Tenant tenant) {
    return TestStorage.get().client().listObjectsV2(r -> r.bucket(TestStorage.get().bucket()).prefix("themes/" + tenant.organizationId() + "/"))
        .contents().stream().map(o -> o.key())
        .filter(key -> !key.endsWith("/"))  // S3Proxy's file system store lists the folders it made
        .toList();
  }

  static String objectKey(UUID upload) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery("select object_key from theme_uploads where id = ?")
        .bind(0, upload).mapTo(String.class).one());
  }

  @Nested
  class Ok {
    @Test
    void the_file_becomes_the_logo_in_a_new_version_of_the_theme() {
      Themes.created(tenant);

      JsonNode theme = Themes.uploaded(tenant, "logo", "image/png", Themes.PNG);

      assertThat(theme.path("version").asInt()).isEqualTo(2);
      assertThat(theme.path("logo").path("url").asString()).isEqualTo("/public/" + tenant.slug() + "/assets/logo?v=2");
      assertThat(theme.path("logo").path("size_bytes").asInt()).isEqualTo(Themes.PNG.length);
      assertThat(Themes.auditActions(tenant.organizationId())).containsExactly("theme.created", "theme.asset_replaced");
    }

    @Test
    void a_new_logo_deletes_the_old_upload_and_leaves_its_file_to_the_purge() {
      Themes.created(tenant);
      Themes.uploaded(tenant, "logo", "image/png", Themes.PNG);
      List<String> first = storedKeys(tenant);

      Themes.uploaded(tenant, "logo", "image/png", Themes.PNG);

      assertThat(first).hasSize(1);
      assertThat(TestDatabase.rows("select 1 from theme_uploads where object_key = ?", first.getFirst())).isEmpty();
      assertThat(TestDatabase.rows("select 1 from theme_deleted_files where object_key = ?", first.getFirst())).hasSize(1);
      assertThat(storedKeys(tenant)).as("the old file until themes-purge-files runs, and the new one").hasSize(2).containsAll(first);
    }

    @Test
    void a_favicon_in_ico() {
      Themes.created(tenant);
      byte[] ico = {0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0};

      JsonNode theme = Themes.uploaded(tenant, "favicon", "image/x-icon", ico);

      assertThat(theme.path("favicon").path("content_type").asString()).isEqualTo("image/x-icon");
    }
  }

  @Nested
  class Conflict {
    @Test
    void before_the_file_was_stored_the_upload_stays_open() {
      Themes.created(tenant);
      Themes.Declared upload = Themes.declared(tenant, "logo", "image/png", Themes.PNG.length);

      ApiResponse early = Themes.complete(tenant, upload.id());
      TestStorage.get().put(upload.url(), "image/png", Themes.PNG);
      ApiResponse later = Themes.complete(tenant, upload.id());

      assertProblem(early, 409, "conflict");
      assertThat(early.json().path("code").asString()).isEqualTo("upload_missing");
      assertThat(later.status()).as(later.toString()).isEqualTo(200);
    }

    @Test
    void an_svg_document_declared_as_png_is_deleted_and_the_upload_closed() {
      Themes.created(tenant);
      byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8);
      Themes.Declared upload = Themes.declared(tenant, "logo", "image/png", svg.length);
      TestStorage.get().put(upload.url(), "image/png", svg);

      ApiResponse r = Themes.complete(tenant, upload.id());

      assertProblem(r, 409, "conflict");
      assertThat(r.json().path("code").asString()).isEqualTo("upload_mismatch");
      assertThat(storedKeys(tenant)).isEmpty();
      assertThat(Themes.complete(tenant, upload.id()).json().path("code").asString()).isEqualTo("upload_closed");
      assertThat(Api.get("/api/v1/themes").bearer(tenant.token(Role.ORG_ADMIN)).send().json().path("logo").isNull()).isTrue();
    }

    @Test
    void a_file_stored_past_the_presigned_url_with_another_size() {
      Themes.created(tenant);
      Themes.Declared upload = Themes.declared(tenant, "logo", "image/png", Themes.PNG.length);
      TestStorage.get().client().putObject(r -> r.bucket(TestStorage.get().bucket()).key(objectKey(upload.id())).contentType("image/png"),
          RequestBody.fromBytes(new byte[Themes.PNG.length * 2]));

      ApiResponse r = Themes.complete(tenant, upload.id());

      assertThat(r.json().path("code").asString()).as(r.toString()).isEqualTo("upload_mismatch");
      assertThat(r.json().path("detail").asString()).contains("128 bytes, not the 64 declared");
    }

    @Test
    void completed_twice() {
      Themes.created(tenant);
      Themes.Declared upload = Themes.declared(tenant, "logo", "image/png", Themes.PNG.length);
      TestStorage.get().put(upload.url(), "image/png", Themes.PNG);
      Themes.complete(tenant, upload.id());

      ApiResponse again = Themes.complete(tenant, upload.id());

      assertThat(again.json().path("code").asString()).isEqualTo("upload_closed");
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_organizations_upload() {
      Themes.created(tenant);
      Themes.Declared upload = Themes.declared(tenant, "logo", "image/png", Themes.PNG.length);
      TestStorage.get().put(upload.url(), "image/png", Themes.PNG);
      Tenant other = Themes.tenant();
      Themes.created(other);

      assertProblem(Themes.complete(other, upload.id()), 404, "not_found");
      assertThat(Themes.complete(tenant, upload.id()).status()).isEqualTo(200);
    }
  }
}
