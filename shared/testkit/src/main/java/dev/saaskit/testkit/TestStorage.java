package dev.saaskit.testkit;

import dev.saaskit.hosting.EmbeddedS3;
import dev.saaskit.shared.aws.AwsClients;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.storage.S3ObjectStorage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The tests' S3: an embedded S3Proxy when the queues are embedded, else the S3 of whatever {@code
 * AWS_ENDPOINT_URL} names (moto, LocalStack). Started on first use only, since few modules keep
 * files; creates a bucket of this run's own and gives the functions {@code STORAGE_BUCKET}.
 */
public final class TestStorage {

  private static TestStorage instance;

  private final S3Client s3;
  private final String bucket;
  private final HttpClient http = HttpClient.newHttpClient();

  private TestStorage(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  public static synchronized TestStorage get() {
    if (instance == null) {
      TestEnvironment.ensure();
      if (TestQueues.embedded() && Settings.find("AWS_ENDPOINT_URL_S3").isEmpty()) {
        try {
          EmbeddedS3 server = EmbeddedS3.start("127.0.0.1", 0, Files.createTempDirectory("saaskit-s3"));
          System.setProperty("AWS_ENDPOINT_URL_S3", server.endpoint().toString());
          System.setProperty("aws.accessKeyId", EmbeddedS3.KEY);
          System.setProperty("aws.secretAccessKey", EmbeddedS3.KEY);
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
              server.close();
            } catch (Exception e) {
              System.err.println("embedded S3 did not stop: " + e);
            }
          }));
        } catch (Exception e) {
          throw new IllegalStateException("embedded S3 did not start", e);
        }
      }
      String bucket = "t" + UUID.randomUUID().toString().substring(0, 8) + "-files";
      System.setProperty("STORAGE_BUCKET", bucket);
      S3Client s3 = AwsClients.build(S3ObjectStorage.compatible(S3Client.builder()
          .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())), "AWS_ENDPOINT_URL_S3");
      s3.createBucket(r -> r.bucket(bucket));
      instance = new TestStorage(s3, bucket);
    }
    return instance;
  }

  public S3Client client() {
    return s3;
  }

  public String bucket() {
    return bucket;
  }

  /**
   * A client of another S3 than this one (moto's server that a test started, say): path-style,
   * with the tests' key, checksums only where required. The caller closes it.
   */
  public static S3Client clientOf(String endpoint) {
    return S3ObjectStorage.compatible(S3Client.builder()).httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
        .endpointOverride(URI.create(endpoint)).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedS3.KEY, EmbeddedS3.KEY))).build();
  }

  /** Uploads through a presigned URL the way a browser does: a PUT with the signed headers. */
  public HttpResponse<String> put(URI presigned, String contentType, byte[] body) {
    return put(presigned, Map.of("content-type", contentType), body);
  }

  /** A PUT with these headers ({@code content-length} is the body's, which the client sets itself). */
  public HttpResponse<String> put(URI presigned, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(presigned);
    headers.forEach(request::header);
    return send(request.PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  /** Follows a presigned download URL. */
  public HttpResponse<String> get(URI presigned) {
    return send(HttpRequest.newBuilder(presigned).GET().build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
