package dev.saaskit.themes.site;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.themes.Themes;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GetPublicPageTest {

  final Tenant tenant = Themes.tenant();

  ApiResponse get(String org, String slug) {
    return Api.get("/public/" + org + "/pages/" + slug).send();
  }

  @Nested
  class Ok {
    @Test
    void a_published_page_in_the_theme_without_credentials() {
      Themes.created(tenant);
      Themes.uploaded(tenant, "logo", "image/png", Themes.PNG);
      Map<String, Object> body = Themes.page("about", "# Hello\n\nWe *build*.", "published");
      body.put("seo", Map.of("title", "About", "description", "Who we are"));
      Themes.createPage(tenant, body);

      ApiResponse r = get(tenant.slug(), "about");

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.header("content-type")).isEqualTo("text/html; charset=utf-8");
      assertThat(r.header("cache-control")).isEqualTo("public, max-age=60, stale-while-revalidate=600");
      assertThat(r.header("content-security-policy")).contains("default-src 'none'").doesNotContain("script-src");
      assertThat(r.header("etag")).matches("\"[A-Za-z0-9_-]{27}\"");
      Document doc = Jsoup.parse(r.body());
      assertThat(doc.title()).isEqualTo("About · Tenant " + tenant.slug());
      assertThat(doc.selectFirst("meta[name=description]").attr("content")).isEqualTo("Who we are");
      assertThat(doc.selectFirst("link[rel=stylesheet]").attr("href")).isEqualTo("/public/" + tenant.slug() + "/theme.css?v=2");
      assertThat(doc.selectFirst("header img").attr("src")).isEqualTo("/public/" + tenant.slug() + "/assets/logo?v=2");
      assertThat(doc.selectFirst("main h1").text()).isEqualTo("Title of about");
      assertThat(doc.select("main").html()).contains("<em>build</em>");
    }

    @Test
    void the_page_changes_when_the_theme_changes() {
      Themes.created(tenant);
      Themes.createdPage(tenant, "about", "x", "published");
      ApiResponse before = get(tenant.slug(), "about");

      Themes.update(tenant, Themes.settings("colors", Themes.colors("#000000", "#FFFFFF")));
      ApiResponse after = get(tenant.slug(), "about");

      assertThat(after.header("etag")).isNotEqualTo(before.header("etag"));
      assertThat(Jsoup.parse(after.body()).selectFirst("link[rel=stylesheet]").attr("href")).endsWith("theme.css?v=2");
    }

    @Test
    void an_organization_without_a_theme_gets_the_default() {
      Themes.createdPage(tenant, "about", "x", "published");
      ApiResponse r = get(tenant.slug(), "about");
      assertThat(r.status()).isEqualTo(200);
      assertThat(Jsoup.parse(r.body()).selectFirst("header strong").text()).isEqualTo("Tenant " + tenant.slug());
    }

    @Test
    void titles_and_descriptions_are_text_wherever_they_land() {
      Map<String, Object> body = Themes.page("about", "x", "published");
      body.put("title", "</title><script>alert(1)</script>");
      body.put("seo", Map.of("description", "\"><script>alert(2)</script>"));
      Themes.createPage(tenant, body);

      ApiResponse r = get(tenant.slug(), "about");

      Document doc = Jsoup.parse(r.body());
      assertThat(doc.select("script")).isEmpty();
      assertThat(doc.selectFirst("main h1").text()).isEqualTo("</title><script>alert(1)</script>");
      assertThat(doc.selectFirst("meta[name=description]").attr("content")).isEqualTo("\"><script>alert(2)</script>");
    }
  }

  @Nested
  class NotModified {
    @Test
    void the_etag_again_is_a_304_without_a_body() {
      Themes.createdPage(tenant, "about", "x", "published");
      String etag = get(tenant.slug(), "about").header("etag");

      ApiResponse r = Api.get("/public/" + tenant.slug() + "/pages/about").header("if-none-match", etag).send();
      ApiResponse weak = Api.get("/public/" + tenant.slug() + "/pages/about").header("if-none-match", "\"other\", W/" + etag).send();
      ApiResponse stale = Api.get("/public/" + tenant.slug() + "/pages/about").header("if-none-match", "\"other\"").send();

      assertThat(r.status()).isEqualTo(304);
      assertThat(r.body()).isEmpty();
      assertThat(r.header("etag")).isEqualTo(etag);
      assertThat(r.header("cache-control")).startsWith("public");
      assertThat(weak.status()).isEqualTo(304);
      assertThat(stale.status()).isEqualTo(200);
    }
  }

  @Nested
  class NotFound {
    @Test
    void a_draft_an_unknown_page_and_an_unknown_organization_answer_alike() {
      Themes.createdPage(tenant, "draft", "x", "draft");

      ApiResponse draft = get(tenant.slug(), "draft");
      ApiResponse unknown = get(tenant.slug(), "nothing");
      ApiResponse noOrg = get("no-such-org", "draft");

      for (ApiResponse r : new ApiResponse[] {draft, unknown, noOrg}) {
        assertProblem(r, 404, "not_found");
        assertThat(r.json().path("detail").asString()).isEqualTo(draft.json().path("detail").asString());
        assertThat(r.header("cache-control")).isEqualTo("no-store");
      }
    }

    @Test
    void a_deleted_organizations_pages() {
      Themes.createdPage(tenant, "about", "x", "published");
      TestDatabase.get().jdbi().useHandle(h -> h.execute("update organizations set deleted_at = now() where id = ?", tenant.organizationId()));

      assertProblem(get(tenant.slug(), "about"), 404, "not_found");
    }
  }
}
