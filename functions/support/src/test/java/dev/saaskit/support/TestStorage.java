package dev.saaskit.support;

import dev.saaskit.testkit.MotoServer;
import dev.saaskit.testkit.TestEnvironment;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The tests' S3: S3Proxy in this JVM, as the emulator embeds it, with objects in memory and AWS
 * signatures checked (key {@code test}). The functions find it through {@code AWS_ENDPOINT_URL_S3}
 * and {@code STORAGE_BUCKET}, set before any of them builds its client.
 */
public final class TestStorage {

  public static final String BUCKET = "saaskit-test";
  private static String endpoint;

  private TestStorage() {}

  public static synchronized String endpoint() {
    if (endpoint == null) {
      TestEnvironment.ensure();
      int port = MotoServer.freePort();
      String url = "http://127.0.0.1:" + port;
      var blobStore = ContextBuilder.newBuilder("transient").credentials("test", "test").overrides(new Properties())
          .build(BlobStoreContext.class).getBlobStore();
      S3Proxy proxy = S3Proxy.builder().blobStore(blobStore).endpoint(URI.create(url))
          .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test", "test").build();
      try {
        proxy.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!"STARTED".equals(proxy.getState())) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("S3Proxy still " + proxy.getState() + " after 15 s");
          }
          Thread.sleep(20);
        }
      } catch (Exception e) {
        throw new IllegalStateException("S3Proxy did not start", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          proxy.stop();
        } catch (Exception ignored) {
          // The JVM is exiting.
        }
      }));
      try (S3Client s3 = client(url)) {
        s3.createBucket(b -> b.bucket(BUCKET));
      }
      System.setProperty("AWS_ENDPOINT_URL_S3", url);
      System.setProperty("STORAGE_BUCKET", BUCKET);
      endpoint = url;
    }
    return endpoint;
  }

  /** A client of the S3 at {@code url}, path-style, with the tests' key. */
  public static S3Client client(String url) {
    return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
        .endpointOverride(URI.create(url)).forcePathStyle(true)
        // S3Proxy does not take the SDK's default streamed checksums (501); the functions' PUTs are presigned anyway.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
  }
}
