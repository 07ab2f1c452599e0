package dev.saaskit.local;

import dev.saaskit.shared.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Starts emulators for tests: every port free and chosen by the system, data in a fresh directory. */
final class Emulators {

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Emulators() {}

  /**
   * Settings for an emulator whose data lives in {@code dataDirectory}. CI's PgBouncer pass sets
   * {@code TEST_DATABASE_URL}; the emulator then uses that server instead of an embedded one.
   */
  static Map<String, String> settings(Path dataDirectory) {
    Map<String, String> values = new HashMap<>(Map.of(
        "PORT", "0",
        "LOCAL_DATA_DIR", dataDirectory.toString(),
        "LOCAL_POSTGRES_PORT", "0",
        "LOCAL_SQS_PORT", "0",
        "LOCAL_S3_PORT", "0",
        "LOCAL_SMTP_PORT", "0",
        "LOCAL_STRIPE_PORT", "0"));
    setting("TEST_DATABASE_URL").ifPresent(url -> {
      values.put("DATABASE_URL", url);
      values.put("DATABASE_USER", setting("TEST_DATABASE_USER").orElse("postgres"));
      setting("TEST_DATABASE_PASSWORD").ifPresent(p -> values.put("DATABASE_PASSWORD", p));
      setting("TEST_MIGRATION_DATABASE_URL").ifPresent(m -> values.put("MIGRATION_DATABASE_URL", m));
    });
    return values;
  }

  /** Starts an emulator; its summary goes to the test's output, where CI checks which database it used. */
  static LocalEmulator start(Map<String, String> values) {
    LocalEmulator emulator = LocalEmulator.start(EmulatorSettings.from(name -> Optional.ofNullable(values.get(name))));
    System.out.println(emulator.summary());
    return emulator;
  }

  static Path temporaryDirectory(String name) {
    try {
      return Files.createTempDirectory("saaskit-" + name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A loopback port nothing listens on (bound and released). */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HttpResponse<String> send(HttpRequest.Builder request) {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request) {
    return send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpRequest.Builder request(LocalEmulator emulator, String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(emulator.baseUrl() + pathAndQuery));
  }

  /** An SQS client of the emulator's queues. */
  static SqsClient sqs(LocalEmulator emulator) {
    return SqsClient.builder().endpointOverride(URI.create(emulator.sqsEndpoint())).region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  private static Optional<String> setting(String name) {
    return Settings.find(name);
  }
}
