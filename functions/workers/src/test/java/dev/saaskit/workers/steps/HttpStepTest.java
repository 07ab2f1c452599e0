package dev.saaskit.workers.steps;

import static dev.saaskit.workers.Workers.httpTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.Tenant;
import dev.saaskit.workers.LocalServer;
import dev.saaskit.workers.Workers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The http step through the runner: what it sends and reads, and the SSRF guard. The tests' names
 * resolve (through {@code WORKERS_LOCAL_HOSTS}) to the tests' server or to private, link-local and
 * loopback addresses; only the tests' server port is an allowed loopback port.
 */
class HttpStepTest {

  final Tenant tenant = tenant();

  static Tenant tenant() {
    Tenant t = Workers.tenant();
    Workers.allowHosts(t, LocalServer.HOST, LocalServer.PRIVATE_HOST, LocalServer.METADATA_HOST, LocalServer.LOOPBACK_HOST,
        "10.0.0.1", "169.254.169.254", "*.example.test");
    return t;
  }

  /** A job of one http step to {@code url}, run; the step as the API shows it. */
  JsonNode call(String url) {
    UUID job = Workers.id(Workers.job(tenant, List.of(httpTo("call", url))));
    Workers.run();
    return Workers.step(Workers.read(tenant, job), "call");
  }

  static String to(String url) {
    return LocalServer.get().url("/redirect?to=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
  }

  void refused(String url, String error) {
    JsonNode step = call(url);
    assertThat(step.path("status").asString()).as(step.toString()).isEqualTo("failed");
    assertThat(step.path("attempts").asInt()).as("not worth another attempt").isEqualTo(1);
    assertThat(step.path("error").asString()).contains(error);
  }

  @Nested
  class Calls {
    @Test
    void sends_the_method_headers_and_body_with_expressions_and_reads_json() {
      String id = Workers.unique();
      Map<String, Object> post = Workers.step("call", "http", Map.of("method", "POST",
          "url", "{% '" + LocalServer.get().url("/ok?id=") + "' & parameters.id %}",
          "headers", Map.of("x-job", "{% job.id %}"), "body", Map.of("who", "{% parameters.id %}")));
      Map<String, Object> d = Workers.definition("post-" + id, List.of(post));
      d.put("parameters", Map.of("id", Map.of("type", "string")));
      UUID job = Workers.id(Workers.job(tenant, Workers.id(Workers.template(tenant, d)), Map.of("id", id)));

      Workers.run();

      JsonNode output = Workers.step(Workers.read(tenant, job), "call").path("output");
      assertThat(output.path("status").asInt()).isEqualTo(200);
      assertThat(output.path("body").path("method").asString()).isEqualTo("POST");
      assertThat(output.path("body").path("id").asString()).isEqualTo(id);
      assertThat(output.path("body").path("body").asString()).isEqualTo("{\"who\":\"" + id + "\"}");
      assertThat(output.path("body").path("headers").path("x-job").asString()).isEqualTo(job.toString());
      assertThat(output.path("headers").path("content-type").asString()).isEqualTo("application/json");
    }

    @Test
    void follows_a_redirect_to_an_allowed_host() {
      String id = Workers.unique();
      JsonNode step = call(to(LocalServer.get().url("/ok?id=" + id)));
      assertThat(step.path("status").asString()).as(step.toString()).isEqualTo("succeeded");
      assertThat(step.path("output").path("body").path("id").asString()).isEqualTo(id);
    }

    @Test
    void an_answer_over_the_limit_fails_the_step() {
      refused(LocalServer.get().url("/big"), "larger than 256 KiB");
    }
  }

  @Nested
  class TheAllowList {
    @Test
    void a_host_the_organization_does_not_list_is_never_called() {
      refused("https://api.example.org/", "is not on the organization's allowed hosts");
      refused("{% 'file:///etc/passwd' %}", "is not an http or https URL");
    }

    @Test
    void a_redirect_to_a_host_not_listed_is_not_followed() {
      refused(to("https://elsewhere.example.org/steal"), "'elsewhere.example.org' is not on the organization's allowed hosts");
    }

    @Test
    void an_organization_without_the_host_cannot_call_it() {
      Tenant bare = Workers.tenant();
      Workers.allowHosts(bare, "other.example.test");
      UUID job = Workers.id(Workers.job(bare, List.of(Workers.get("call", "/ok"))));
      Workers.run();
      assertThat(Workers.step(Workers.read(bare, job), "call").path("error").asString()).contains("not on the organization's allowed hosts");
    }
  }

  @Nested
  class TheAddressGuard {
    @Test
    void a_name_whose_dns_answer_is_private_link_local_or_loopback() {
      refused("http://" + LocalServer.PRIVATE_HOST + "/admin", "resolves to 10.20.30.40, which http steps may not reach");
      refused("http://" + LocalServer.METADATA_HOST + "/latest/meta-data/", "resolves to 169.254.169.254");
      refused("http://" + LocalServer.LOOPBACK_HOST + ":1/", "resolves to 127.0.0.1");
    }

    @Test
    void an_address_written_in_the_url() {
      refused("http://10.0.0.1/", "resolves to 10.0.0.1");
      refused("http://169.254.169.254/latest/meta-data/", "resolves to 169.254.169.254");
    }

    @Test
    void a_redirect_to_a_private_address_is_checked_again_and_refused() {
      refused(to("http://" + LocalServer.PRIVATE_HOST + "/admin"), "resolves to 10.20.30.40");
      refused(to("http://169.254.169.254/latest/meta-data/"), "resolves to 169.254.169.254");
      refused(to("http://" + LocalServer.LOOPBACK_HOST + ":1/"), "resolves to 127.0.0.1");
    }
  }
}
