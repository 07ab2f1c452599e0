package dev.saaskit.support.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.support.Support;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.MotoServer;
import dev.saaskit.testkit.Tenant;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The attachment flow against moto's server, an S3 of another make than the embedded one, through
 * new containers of the functions pointed at it. moto does not check the signatures of presigned
 * URLs, so it takes an upload of another size or type: complete refuses it. Nor does it apply a
 * GET's {@code response-content-disposition}; the disposition the object was uploaded with (signed
 * into the PUT) still makes it download as a file.
 */
class AttachmentsOnMotoTest {

  static MotoServer moto;
  static Map<String, String> settings;

  final Tenant tenant = Support.tenant();
  final UUID ticket = Support.ticket(tenant, Role.USER);

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.start();
    settings = moto.s3Bucket("saaskit-moto");
  }

  @AfterAll
  static void stopMoto() {
    moto.close();
  }

  @Test
  void a_file_goes_up_and_comes_down_as_an_attachment() {
    byte[] bytes = "%PDF-1.7 not really".getBytes(StandardCharsets.UTF_8);
    JsonNode d = declare("invoice.pdf", "application/pdf", bytes.length);
    assertThat(d.path("upload").path("url").asString()).startsWith(moto.endpoint() + "/saaskit-moto/support/" + tenant.organizationId());

    HttpResponse<String> put = Uploads.put(d.path("upload"), "application/pdf", bytes);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    ApiResponse done = complete(d);
    assertThat(done.status()).as(done.toString()).isEqualTo(200);

    ApiResponse list = Api.get("/api/v1/support/tickets/" + ticket + "/attachments").bearer(Support.agent().token()).sendToNewContainer(settings);
    JsonNode file = list.json().path("data").get(0);
    HttpResponse<String> download = Uploads.get(file.path("download_url").asString());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
    assertThat(download.headers().firstValue("content-disposition"))
        .hasValue("attachment; filename=\"invoice.pdf\"; filename*=UTF-8''invoice.pdf");
  }

  @Test
  void an_upload_of_another_type_is_refused_at_completion_and_deleted() {
    JsonNode d = declare("shot.png", "image/png", 4);

    HttpResponse<String> put = Uploads.put(d.path("upload"), "text/html", "<b>x".getBytes(StandardCharsets.UTF_8));
    ApiResponse done = complete(d);

    refusedByS3OrAtCompletion(put, done);
    assertThat(complete(d).status()).as("the declaration is gone").isEqualTo(404);
  }

  @Test
  void an_upload_of_another_size_is_refused_at_completion() {
    JsonNode d = declare("log.txt", "text/plain", 4);

    HttpResponse<String> put = Uploads.put(d.path("upload"), "text/plain", "longer than declared".getBytes(StandardCharsets.UTF_8));

    refusedByS3OrAtCompletion(put, complete(d));
  }

  private static void refusedByS3OrAtCompletion(HttpResponse<String> put, ApiResponse done) {
    if (put.statusCode() == 200) {
      assertThat(done.status()).as(done.toString()).isEqualTo(409);
      assertThat(done.json().path("code").asString()).isEqualTo("upload_mismatch");
    } else {
      assertThat(put.statusCode()).isEqualTo(403);
      assertThat(done.json().path("code").asString()).isEqualTo("upload_missing");
    }
  }

  private JsonNode declare(String name, String type, long size) {
    ApiResponse r = Api.post("/api/v1/support/tickets/" + ticket + "/attachments").bearer(tenant.token(Role.USER))
        .json(Map.of("file_name", name, "content_type", type, "size_bytes", size)).sendToNewContainer(settings);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  private ApiResponse complete(JsonNode declared) {
    return Api.post("/api/v1/support/tickets/" + ticket + "/attachments/" + declared.path("attachment").path("id").asString() + "/complete")
        .bearer(tenant.token(Role.USER)).sendToNewContainer(settings);
  }
}
