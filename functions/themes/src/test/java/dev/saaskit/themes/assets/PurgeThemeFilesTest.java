package dev.saaskit.themes.assets;

import static dev.saaskit.themes.assets.CompleteThemeUploadTest.storedKeys;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Events;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.TestStorage;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.themes.Themes;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code themes-purge-files}: abandoned uploads, and the files of a purged organization's uploads. */
class PurgeThemeFilesTest {

  final Tenant tenant = Themes.tenant();

  @Test
  void removes_uploads_never_completed_an_hour_after_their_window_with_their_files_and_keeps_the_theme_and_the_open_ones() {
    Themes.created(tenant);
    Themes.uploaded(tenant, "logo", "image/png", Themes.PNG);
    String logo = storedKeys(tenant).getFirst();
    Themes.Declared abandoned = Themes.declared(tenant, "favicon", "image/png", Themes.PNG.length);
    TestStorage.get().put(abandoned.url(), "image/png", Themes.PNG);
    Themes.Declared open = Themes.declared(tenant, "favicon", "image/png", Themes.PNG.length);
    TestDatabase.execute("update theme_uploads set expires_at = now() - interval '61 minutes' where id = ?", abandoned.id());

    JsonNode run = purge();

    assertThat(run.path("purged").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(uploads()).contains(open.id()).doesNotContain(abandoned.id()).hasSize(2);
    assertThat(storedKeys(tenant)).as("the theme's logo stays").containsExactly(logo);
  }

  @Test
  void deletes_the_file_of_a_replaced_logo_and_keeps_the_new_one() {
    Themes.created(tenant);
    Themes.uploaded(tenant, "logo", "image/png", Themes.PNG);
    String old = storedKeys(tenant).getFirst();
    JsonNode theme = Themes.uploaded(tenant, "logo", "image/png", Themes.PNG);

    JsonNode run = purge();

    assertThat(run.path("deleted_files").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(storedKeys(tenant)).hasSize(1).doesNotContain(old);
    assertThat(TestDatabase.rows("select 1 from theme_deleted_files where object_key = ?", old)).isEmpty();
    ApiResponse logo = Api.get(theme.path("logo").path("url").asString()).send();
    assertThat(logo.status()).isEqualTo(302);
    assertThat(logo.header("location")).as("the new file is the logo").contains(storedKeys(tenant).getFirst());
  }

  @Test
  void deletes_the_files_of_a_purged_organizations_uploads_whose_rows_went_by_cascade() {
    Themes.created(tenant);
    Themes.uploaded(tenant, "logo", "image/png", Themes.PNG);
    Themes.uploaded(tenant, "favicon", "image/png", Themes.PNG);
    assertThat(storedKeys(tenant)).hasSize(2);

    // What identity's purge-organizations does: one delete, the rest by cascade.
    TestDatabase.execute("delete from organizations where id = ?", tenant.organizationId());
    JsonNode run = purge();

    assertThat(storedKeys(tenant)).isEmpty();
    assertThat(run.path("deleted_files").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(TestDatabase.rows("select 1 from theme_deleted_files where object_key like ?", "themes/" + tenant.organizationId() + "/%"))
        .isEmpty();
  }

  private static JsonNode purge() {
    return Json.tree(Lambda.invoke("themes-purge-files",
        Events.scheduled("arn:aws:scheduler:us-east-1:123456789012:schedule/default/themes-purge-files").toString()));
  }

  private java.util.List<UUID> uploads() {
    return TestDatabase.rows("select id from theme_uploads where organization_id = ?", tenant.organizationId()).stream()
        .map(r -> (UUID) r.get("id")).toList();
  }
}
