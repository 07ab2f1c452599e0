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
import java.util.UUID;
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

  /** Uploads through a presigned URL the way a browser does: a PUT with the signed headers. */
  public HttpResponse<String> put(URI presigned, String contentType, byte[] body) {
    return send(HttpRequest.newBuilder(presigned).header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
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
