package dev.saaskit.themes.site;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestStorage;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.themes.Themes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GetPublicAssetTest {

  final Tenant tenant = Themes.tenant();

  @Nested
  class Found {
    @Test
    void redirects_to_a_short_lived_link_that_downloads_the_file() throws Exception {
      Themes.created(tenant);
      Themes.uploaded(tenant, "logo", "image/png", Themes.PNG);

      ApiResponse r = Api.get("/public/" + tenant.slug() + "/assets/logo?v=2").send();

      assertThat(r.status()).as(r.toString()).isEqualTo(302);
      assertThat(r.header("cache-control")).isEqualTo("public, max-age=300");
      URI link = URI.create(r.header("location"));
      assertThat(link.getQuery()).contains("X-Amz-Expires=3600");
      HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(file.statusCode()).isEqualTo(200);
      assertThat(file.headers().firstValue("content-type")).hasValue("image/png");
      assertThat(file.body()).isEqualTo(Themes.PNG);
      assertThat(TestStorage.get().bucket()).isNotBlank();
    }
  }

  @Nested
  class NotFound {
    @Test
    void no_logo_an_unknown_kind_or_organization() {
      Themes.created(tenant);
      assertProblem(Api.get("/public/" + tenant.slug() + "/assets/logo").send(), 404, "not_found");
      assertProblem(Api.get("/public/" + tenant.slug() + "/assets/banner").send(), 404, "not_found");
      assertProblem(Api.get("/public/no-such-org/assets/logo").send(), 404, "not_found");
    }
  }
}
