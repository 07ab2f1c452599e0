package dev.saaskit.shared.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.saaskit.shared.resilience.Outbound;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigning (local, no store needed) and how answers of the store map to "missing", against an
 * HTTP server that answers every request with the status its key names ({@code /files/403/...}).
 */
class S3ObjectStorageTest {

  static HttpServer server;
  static S3ObjectStorage storage;

  @BeforeAll
  static void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      int status = Integer.parseInt(exchange.getRequestURI().getPath().split("/")[2]);
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    StaticCredentialsProvider key = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    S3Client s3 = S3ObjectStorage.compatible(S3Client.builder()).httpClient(UrlConnectionHttpClient.create())
        .region(Region.US_EAST_1).endpointOverride(endpoint).forcePathStyle(true).credentialsProvider(key).build();
    S3Presigner presigner = S3Presigner.builder().region(Region.US_EAST_1).endpointOverride(endpoint).credentialsProvider(key)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    storage = new S3ObjectStorage(s3, presigner, "files", new Outbound());
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @Nested
  class Missing {
    @Test
    void a_404_and_a_403_which_s3_answers_to_a_role_without_list_bucket() {
      assertThat(storage.head("404/a")).isEmpty();
      assertThat(storage.head("403/a")).isEmpty();
      assertThat(storage.firstBytes("404/a", 4)).isEmpty();
      assertThat(storage.firstBytes("403/a", 4)).isEmpty();
    }

    @Test
    void not_another_refusal() {
      assertThatThrownBy(() -> storage.head("400/a")).isInstanceOf(S3Exception.class);
    }
  }

  @Nested
  class PresignUpload {
    @Test
    void signs_type_and_length_and_answers_the_headers_to_send() {
      ObjectStorage.Upload upload = storage.presignUpload("themes/o/u", "image/png", 42, null, Duration.ofMinutes(5));

      assertThat(upload.url().toString()).contains("/files/themes/o/u?")
          .contains("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost");
      assertThat(upload.headers()).containsOnly(
          Map.entry("content-type", "image/png"), Map.entry("content-length", "42"));
    }

    @Test
    void with_a_download_name_signs_the_disposition_the_object_keeps() {
      ObjectStorage.Upload upload = storage.presignUpload("support/o/t/a", "text/plain", 7, "a b.txt", Duration.ofMinutes(5));

      assertThat(upload.url().toString()).contains("X-Amz-SignedHeaders=content-disposition%3Bcontent-length%3Bcontent-type%3Bhost");
      assertThat(upload.headers()).containsEntry("content-disposition", "attachment; filename=\"a b.txt\"; filename*=UTF-8''a%20b.txt")
          .containsEntry("content-type", "text/plain").containsEntry("content-length", "7");
    }
  }

  @Nested
  class PresignDownload {
    @Test
    void asks_for_the_type_and_with_a_name_for_an_attachment() {
      assertThat(storage.presignDownload("k/1", "image/png", null, Duration.ofMinutes(1)).toString())
          .contains("response-content-type=image%2Fpng").doesNotContain("response-content-disposition");
      assertThat(storage.presignDownload("k/1", "text/plain", "x.txt", Duration.ofMinutes(1)).toString())
          .contains("response-content-disposition=attachment");
    }
  }

  @Nested
  class ContentDisposition {
    @Test
    void an_ascii_fallback_and_the_exact_name() {
      assertThat(ObjectStorage.contentDisposition("report \"final\".txt"))
          .isEqualTo("attachment; filename=\"report _final_.txt\"; filename*=UTF-8''report%20%22final%22.txt");
      assertThat(ObjectStorage.contentDisposition("naïve\\résumé.pdf"))
          .isEqualTo("attachment; filename=\"na_ve_r_sum_.pdf\"; filename*=UTF-8''na%C3%AFve%5Cr%C3%A9sum%C3%A9.pdf");
      assertThat(ObjectStorage.contentDisposition("tab\there.txt")).startsWith("attachment; filename=\"tab_here.txt\"");
    }
  }
}
