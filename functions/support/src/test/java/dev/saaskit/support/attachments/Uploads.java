package dev.saaskit.support.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestStorage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The attachment flow as a client runs it: declare, PUT the bytes to the presigned URL, complete, list, download. */
final class Uploads {

  private Uploads() {}

  static ApiResponse declare(String token, UUID ticket, String name, String type, long size) {
    return Api.post("/api/v1/support/tickets/" + ticket + "/attachments").bearer(token)
        .json(Map.of("file_name", name, "content_type", type, "size_bytes", size)).send();
  }

  /** Declared, answered 201: the answer. */
  static JsonNode declared(String token, UUID ticket, String name, String type, long size) {
    ApiResponse r = declare(token, ticket, name, type, size);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  /** PUTs {@code bytes} to the upload's URL with its headers, but this content type; S3's answer. */
  static HttpResponse<String> put(JsonNode upload, String contentType, byte[] bytes) {
    return TestStorage.get().put(URI.create(upload.path("url").asString()),
        Map.of("content-disposition", upload.path("headers").path("content-disposition").asString(), "content-type", contentType), bytes);
  }

  static HttpResponse<String> get(String url) {
    return TestStorage.get().get(URI.create(url));
  }

  static ApiResponse complete(String token, UUID ticket, String attachment) {
    return Api.post("/api/v1/support/tickets/" + ticket + "/attachments/" + attachment + "/complete").bearer(token).send();
  }

  static ApiResponse list(String token, UUID ticket) {
    return Api.get("/api/v1/support/tickets/" + ticket + "/attachments").bearer(token).send();
  }

  /** Declares, uploads and completes a file; its attachment id. */
  static String uploaded(String token, UUID ticket, String name, String type, byte[] bytes) {
    JsonNode d = declared(token, ticket, name, type, bytes.length);
    HttpResponse<String> put = put(d.path("upload"), type, bytes);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    String id = d.path("attachment").path("id").asString();
    ApiResponse done = complete(token, ticket, id);
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    return id;
  }
}
