package dev.saaskit.themes.assets;

import static dev.saaskit.testkit.Problems.assertFieldError;
import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestStorage;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.themes.Themes;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CreateThemeUploadTest {

  final Tenant tenant = Themes.tenant();

  @Nested
  class Ok {
    @Test
    void answers_a_presigned_url_that_stores_the_declared_file() {
      Themes.created(tenant);

      ApiResponse r = Themes.declare(tenant, "logo", "image/png", Themes.PNG.length);

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.json().path("upload_method").asString()).isEqualTo("PUT");
      assertThat(r.json().path("upload_headers").path("content-type").asString()).isEqualTo("image/png");
      URI url = URI.create(r.json().path("upload_url").asString());
      assertThat(url.getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=900");
      assertThat(TestStorage.get().put(url, "image/png", Themes.PNG).statusCode()).isEqualTo(200);
    }

    @Test
    void the_url_stores_nothing_of_another_type_or_size() {
      Themes.created(tenant);
      URI url = Themes.declared(tenant, "logo", "image/png", Themes.PNG.length).url();

      assertThat(TestStorage.get().put(url, "text/html", Themes.PNG).statusCode()).isEqualTo(403);
      assertThat(TestStorage.get().put(url, "image/png", new byte[Themes.PNG.length + 1]).statusCode()).isEqualTo(403);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void svg_is_refused_with_the_reason() {
      Themes.created(tenant);
      assertFieldError(Themes.declare(tenant, "logo", "image/svg+xml", 100), "content_type", "SVG is refused");
    }

    @Test
    void a_type_the_kind_does_not_take() {
      Themes.created(tenant);
      assertFieldError(Themes.declare(tenant, "favicon", "image/jpeg", 100), "content_type", "image/x-icon");
      assertFieldError(Themes.declare(tenant, "logo", "application/pdf", 100), "content_type", "image/webp");
    }

    @Test
    void a_file_larger_than_the_kind_allows() {
      Themes.created(tenant);
      assertFieldError(Themes.declare(tenant, "logo", "image/png", 512 * 1024 + 1), "size_bytes", "between 1 and 524288");
      assertFieldError(Themes.declare(tenant, "favicon", "image/png", 64 * 1024 + 1), "size_bytes", "between 1 and 65536");
      assertFieldError(Themes.declare(tenant, "logo", "image/png", 0), "size_bytes", "between 1");
    }

    @Test
    void an_unknown_kind() {
      Themes.created(tenant);
      assertFieldError(Themes.declare(tenant, "banner", "image/png", 10), "kind", "logo");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_member_who_is_not_an_admin() {
      Themes.created(tenant);
      assertProblem(Api.post("/api/v1/themes/uploads").bearer(tenant.token(Role.USER))
          .json(Map.of("kind", "logo", "content_type", "image/png", "size_bytes", 10)).send(), 403, "forbidden");
    }
  }

  @Nested
  class Conflict {
    @Test
    void an_organization_without_a_theme() {
      ApiResponse r = Themes.declare(tenant, "logo", "image/png", 10);
      assertProblem(r, 409, "conflict");
      assertThat(r.json().path("code").asString()).isEqualTo("theme_missing");
    }
  }
}
