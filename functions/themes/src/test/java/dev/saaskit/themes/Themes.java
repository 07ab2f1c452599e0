package dev.saaskit.themes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.TestStorage;
import dev.saaskit.testkit.Tenant;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Shorthands for the themes tests: themes, uploads and pages made through the API, and what the database holds. */
public final class Themes {

  /** The first bytes of a real PNG, and enough after them to make up a small file. */
  public static final byte[] PNG = png(64);

  private Themes() {}

  /** An organization with one member per role, and the tests' S3 ready for its files. */
  public static Tenant tenant() {
    TestStorage.get();
    return Tenant.create();
  }

  public static Map<String, Object> colors(String primary, String onPrimary) {
    Map<String, Object> colors = new LinkedHashMap<>();
    colors.put("primary", primary);
    colors.put("on_primary", onPrimary);
    colors.put("background", "#FFFFFF");
    colors.put("text", "#111111");
    colors.put("link", "#0645AD");
    return colors;
  }

  /** Settings that pass every check: AA colors, fonts of the list, a little custom CSS. */
  public static Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("colors", colors("#0B5FFF", "#FFFFFF"));
    settings.put("dark", null);
    settings.put("fonts", Map.of("heading", "Inter", "body", "system-ui"));
    settings.put("custom_css", ".hero { padding: 2rem; }");
    return settings;
  }

  public static Map<String, Object> settings(String key, Object value) {
    Map<String, Object> settings = settings();
    settings.put(key, value);
    return settings;
  }

  public static ApiResponse create(Tenant tenant, Object body) {
    return Api.post("/api/v1/themes").bearer(tenant.token(Role.ORG_ADMIN)).json(body).send();
  }

  public static JsonNode created(Tenant tenant) {
    ApiResponse r = create(tenant, settings());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  public static ApiResponse update(Tenant tenant, Object body) {
    return Api.put("/api/v1/themes").bearer(tenant.token(Role.ORG_ADMIN)).json(body).send();
  }

  public static ApiResponse declare(Tenant tenant, String kind, String contentType, int size) {
    return Api.post("/api/v1/themes/uploads").bearer(tenant.token(Role.ORG_ADMIN))
        .json(Map.of("kind", kind, "content_type", contentType, "size_bytes", size)).send();
  }

  /** A declared upload: its id and where to PUT the file. */
  public record Declared(UUID id, URI url) {}

  public static Declared declared(Tenant tenant, String kind, String contentType, int size) {
    ApiResponse r = declare(tenant, kind, contentType, size);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return new Declared(UUID.fromString(r.json().path("id").asString()), URI.create(r.json().path("upload_url").asString()));
  }

  public static ApiResponse complete(Tenant tenant, UUID upload) {
    return Api.post("/api/v1/themes/uploads/" + upload + "/complete").bearer(tenant.token(Role.ORG_ADMIN)).send();
  }

  /** Declares, stores through the presigned URL, completes; answers the theme. */
  public static JsonNode uploaded(Tenant tenant, String kind, String contentType, byte[] file) {
    Declared upload = declared(tenant, kind, contentType, file.length);
    assertThat(TestStorage.get().put(upload.url(), contentType, file).statusCode()).isEqualTo(200);
    ApiResponse r = complete(tenant, upload.id());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  public static Map<String, Object> page(String slug, String markdown, String status) {
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("slug", slug);
    page.put("title", "Title of " + slug);
    page.put("markdown", markdown);
    page.put("status", status);
    return page;
  }

  public static ApiResponse createPage(Tenant tenant, Object body) {
    return Api.post("/api/v1/themes/pages").bearer(tenant.token(Role.ORG_ADMIN)).json(body).send();
  }

  public static JsonNode createdPage(Tenant tenant, String slug, String markdown, String status) {
    ApiResponse r = createPage(tenant, page(slug, markdown, status));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  /** The organization's theme, uploads and pages as stored, with its audit entries: equal exactly when none changed. */
  public static List<Object> snapshot(UUID organization) {
    return TestDatabase.get().jdbi().withHandle(h -> List.of(
        h.createQuery("select version, colors::text, dark_colors::text, heading_font, body_font, custom_css, logo_upload_id, "
            + "favicon_upload_id, updated_at from themes where organization_id = ?").bind(0, organization).mapToMap().list(),
        h.createQuery("select id, completed_at, expires_at from theme_uploads where organization_id = ? order by id")
            .bind(0, organization).mapToMap().list(),
        h.createQuery("select id, slug, title, markdown, status, updated_at from pages where organization_id = ? order by id")
            .bind(0, organization).mapToMap().list(),
        h.createQuery("select count(*) from audit_logs where organization_id = ?").bind(0, organization).mapTo(Integer.class).one()));
  }

  /** Audit actions of the organization, oldest first. */
  public static List<String> auditActions(UUID organization) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
            "select action from audit_logs where organization_id = ? order by created_at, id")
        .bind(0, organization).mapTo(String.class).list());
  }

  private static byte[] png(int size) {
    byte[] file = new byte[size];
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
    System.arraycopy(signature, 0, file, 0, signature.length);
    return file;
  }
}
