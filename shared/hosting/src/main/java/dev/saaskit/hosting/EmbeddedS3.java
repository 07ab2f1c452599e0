package dev.saaskit.hosting;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;

/**
 * S3 in this JVM: S3Proxy over a directory, speaking the S3 protocol (with SigV4, presigned URLs
 * included) on a loopback port, for the local emulator and the tests. Its credentials are {@link
 * #KEY} for both the access key and the secret.
 */
public final class EmbeddedS3 implements AutoCloseable {

  public static final String KEY = "test";

  private final S3Proxy proxy;
  private final URI endpoint;

  private EmbeddedS3(S3Proxy proxy, URI endpoint) {
    this.proxy = proxy;
    this.endpoint = endpoint;
  }

  /** Starts on {@code host}:{@code port} (0: any free port) with objects under {@code directory}. */
  public static EmbeddedS3 start(String host, int port, Path directory) throws Exception {
    Files.createDirectories(directory);
    Properties properties = new Properties();
    properties.setProperty(FilesystemConstants.PROPERTY_BASEDIR, directory.toString());
    var blobStore = ContextBuilder.newBuilder("filesystem").credentials(KEY, KEY).overrides(properties)
        .build(BlobStoreContext.class).getBlobStore();
    S3Proxy proxy = S3Proxy.builder().blobStore(blobStore).endpoint(URI.create("http://" + host + ":" + port))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, KEY).build();
    proxy.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("still " + proxy.getState() + " after 15 s");
      }
      Thread.sleep(20);
    }
    // With port 0 the server binds a free port itself, so nothing can take it between a check and the bind.
    return new EmbeddedS3(proxy, URI.create("http://" + host + ":" + proxy.getPort()));
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
