package dev.saaskit.support.attachments;

import dev.saaskit.shared.aws.AwsClients;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.resilience.Outbound;
import dev.saaskit.shared.runtime.Lazy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Attachments' objects in the platform's bucket ({@code STORAGE_BUCKET}), under this module's prefix
 * {@code support/}, the part of the bucket the deployment lets support's role touch. File bytes
 * never pass through a function: clients upload and download with presigned URLs; functions only
 * look at an object and delete it. Clients are built on first use: most support functions never
 * need one. With an endpoint setting ({@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL}:
 * S3Proxy, moto, LocalStack) addresses are path-style, since the bucket cannot be a host name there.
 */
public final class AttachmentStorage {

  static final String ENDPOINT_SETTING = "AWS_ENDPOINT_URL_S3";

  private final Supplier<Outbound> outbound;
  private final Lazy<S3Client> s3 = new Lazy<>(AttachmentStorage::client);
  private final Lazy<S3Presigner> presigner = new Lazy<>(AttachmentStorage::presigner);

  public AttachmentStorage(Supplier<Outbound> outbound) {
    this.outbound = outbound;
  }

  /** A URL to PUT exactly this many bytes of this type to, and the headers the request must carry. */
  public record Upload(String url, Map<String, String> headers) {}

  /** What S3 holds under a key. */
  public record StoredObject(long size, String contentType) {}

  /**
   * A presigned PUT whose signature covers the content type, length and disposition: S3 refuses an
   * upload whose headers differ from them. The object keeps {@code Content-Disposition: attachment},
   * so even a plain GET of it downloads rather than renders.
   */
  Upload presignUpload(String key, String fileName, String contentType, long size, Duration validFor) {
    String disposition = contentDisposition(fileName);
    PresignedPutObjectRequest put = presigner.get().presignPutObject(p -> p.signatureDuration(validFor)
        .putObjectRequest(o -> o.bucket(bucket()).key(key).contentType(contentType).contentLength(size).contentDisposition(disposition)));
    return new Upload(put.url().toString(),
        Map.of("content-type", contentType, "content-length", String.valueOf(size), "content-disposition", disposition));
  }

  /** A presigned GET that downloads as a file named {@code fileName} ({@code Content-Disposition: attachment}), never rendered. */
  String presignDownload(String key, String fileName, String contentType, Duration validFor) {
    return presigner.get().presignGetObject(p -> p.signatureDuration(validFor)
            .getObjectRequest(o -> o.bucket(bucket()).key(key).responseContentType(contentType)
                .responseContentDisposition(contentDisposition(fileName))))
        .url().toString();
  }

  /**
   * The object under {@code key}, or empty when there is none. Without {@code s3:ListBucket} S3
   * answers a missing key with 403 rather than 404, so both mean "not there".
   */
  Optional<StoredObject> find(String key) {
    return outbound.get().call("s3", AwsClients::isTransient, () -> {
      try {
        HeadObjectResponse head = s3.get().headObject(h -> h.bucket(bucket()).key(key));
        return Optional.of(new StoredObject(head.contentLength(), head.contentType()));
      } catch (SdkServiceException e) {
        if (e.statusCode() == 404 || e.statusCode() == 403) {
          return Optional.empty();
        }
        throw e;
      }
    });
  }

  /** Deletes the object if there is one. */
  void delete(String key) {
    outbound.get().call("s3", AwsClients::isTransient, () -> s3.get().deleteObject(d -> d.bucket(bucket()).key(key)));
  }

  /** {@code attachment; filename="..."; filename*=UTF-8''...}: an ASCII fallback and the exact name (RFC 6266). */
  static String contentDisposition(String fileName) {
    String ascii = fileName.codePoints()
        .map(c -> c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? '_' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
    String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  private static String bucket() {
    return Settings.require("STORAGE_BUCKET");
  }

  private static boolean customEndpoint() {
    return Settings.find(ENDPOINT_SETTING).or(() -> Settings.find("AWS_ENDPOINT_URL")).isPresent();
  }

  private static S3Client client() {
    return AwsClients.build(S3Client.builder().forcePathStyle(customEndpoint()), ENDPOINT_SETTING);
  }

  private static S3Presigner presigner() {
    S3Presigner.Builder builder = S3Presigner.builder()
        .region(Region.of(Settings.get("AWS_REGION", "us-east-1")))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(customEndpoint()).build());
    Settings.find(ENDPOINT_SETTING).or(() -> Settings.find("AWS_ENDPOINT_URL"))
        .ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
    return builder.build();
  }
}
