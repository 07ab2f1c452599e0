package dev.saaskit.shared.storage;

import dev.saaskit.shared.aws.AwsClients;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.resilience.Outbound;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link ObjectStorage} on S3 (or S3Proxy, LocalStack, moto through {@code AWS_ENDPOINT_URL_S3} /
 * {@code AWS_ENDPOINT_URL}, with path-style addressing there), bucket {@code STORAGE_BUCKET}. Calls
 * go through the runtime's retry and circuit breaker; presigning is local and calls nothing.
 */
public final class S3ObjectStorage implements ObjectStorage {

  /** The part size of streamed writes, S3's smallest: what a write holds in memory at most. */
  static final int PART_BYTES = 5 * 1024 * 1024;

  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;
  private final Outbound outbound;

  S3ObjectStorage(S3Client s3, S3Presigner presigner, String bucket, Outbound outbound) {
    this.s3 = s3;
    this.presigner = presigner;
    this.bucket = bucket;
    this.outbound = outbound;
  }

  public static S3ObjectStorage fromSettings(Outbound outbound) {
    Optional<String> endpoint = Settings.find("AWS_ENDPOINT_URL_S3").or(() -> Settings.find("AWS_ENDPOINT_URL"));
    // Endpoints other than AWS's (S3Proxy, moto) answer on one host: path-style keys there.
    S3Configuration style = S3Configuration.builder().pathStyleAccessEnabled(endpoint.isPresent()).build();
    S3Client s3 = AwsClients.build(compatible(S3Client.builder().serviceConfiguration(style)), "AWS_ENDPOINT_URL_S3");
    S3Presigner.Builder presigner = S3Presigner.builder()
        .region(Region.of(Settings.get("AWS_REGION", "us-east-1")))
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .serviceConfiguration(style);
    endpoint.ifPresent(e -> presigner.endpointOverride(URI.create(e)));
    return new S3ObjectStorage(s3, presigner.build(), Settings.require("STORAGE_BUCKET"), outbound);
  }

  /**
   * Checksums only where S3 requires them: the SDK's default (a trailing CRC on every upload, checksum
   * mode on every download) is S3's own newer protocol, which S3-compatible stores such as S3Proxy
   * answer with 501. Nothing is lost on S3: uploads are signed, including their length.
   */
  public static S3ClientBuilder compatible(S3ClientBuilder builder) {
    return builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
  }

  @Override
  public Upload presignUpload(String key, String contentType, long contentLength, String downloadAs, Duration validFor) {
    String disposition = downloadAs == null ? null : ObjectStorage.contentDisposition(downloadAs);
    URI url = URI.create(presigner.presignPutObject(p -> p.signatureDuration(validFor)
        .putObjectRequest(r -> r.bucket(bucket).key(key).contentType(contentType).contentLength(contentLength)
            .contentDisposition(disposition))).url().toString());
    Map<String, String> headers = disposition == null
        ? Map.of("content-type", contentType, "content-length", String.valueOf(contentLength))
        : Map.of("content-type", contentType, "content-length", String.valueOf(contentLength), "content-disposition", disposition);
    return new Upload(url, headers);
  }

  @Override
  public URI presignDownload(String key, String contentType, String downloadAs, Duration validFor) {
    return URI.create(presigner.presignGetObject(p -> p.signatureDuration(validFor).getObjectRequest(r -> {
      r.bucket(bucket).key(key).responseContentType(contentType);
      if (downloadAs != null) {
        r.responseContentDisposition(ObjectStorage.contentDisposition(downloadAs));
      }
    })).url().toString());
  }

  @Override
  public Optional<StoredObject> head(String key) {
    return outbound.call("s3", AwsClients::isTransient, () -> {
      try {
        HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
        return Optional.of(new StoredObject(head.contentLength(), head.contentType()));
      } catch (SdkServiceException e) {
        return missing(e);
      }
    });
  }

  @Override
  public Optional<byte[]> firstBytes(String key, int count) {
    return outbound.call("s3", AwsClients::isTransient, () -> {
      try {
        return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key).range("bytes=0-" + (count - 1))).asByteArray());
      } catch (SdkServiceException e) {
        return missing(e);
      }
    });
  }

  @Override
  public long write(String key, String contentType, Content content) throws IOException {
    try (PartStream out = new PartStream(key, contentType)) {
      content.writeTo(out);
      out.finish();
      return out.size;
    }
  }

  /**
   * Bytes to S3 in parts of {@link #PART_BYTES} (S3's smallest but the last): an object smaller than a
   * part is one PUT; a larger one a multipart upload, completed by {@link #finish} and aborted when
   * closed unfinished, so a failed write leaves no object and no parts behind.
   */
  private final class PartStream extends OutputStream {

    private final String key;
    private final String contentType;
    private final List<CompletedPart> parts = new ArrayList<>();
    private ByteArrayOutputStream part = new ByteArrayOutputStream();
    private String uploadId;
    private boolean finished;
    private long size;

    PartStream(String key, String contentType) {
      this.key = key;
      this.contentType = contentType;
    }

    @Override
    public void write(int b) {
      part.write(b);
      size++;
      flushFullPart();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      part.write(bytes, offset, length);
      size += length;
      flushFullPart();
    }

    private void flushFullPart() {
      if (part.size() >= PART_BYTES) {
        if (uploadId == null) {
          uploadId = outbound.call("s3", AwsClients::isTransient,
              () -> s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(contentType)).uploadId());
        }
        uploadPart();
      }
    }

    private void uploadPart() {
      byte[] bytes = part.toByteArray();
      part = new ByteArrayOutputStream();
      int number = parts.size() + 1;
      String etag = outbound.call("s3", AwsClients::isTransient, () -> s3.uploadPart(
          r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number).contentLength((long) bytes.length),
          RequestBody.fromBytes(bytes)).eTag());
      parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
    }

    void finish() {
      if (uploadId == null) {
        byte[] bytes = part.toByteArray();
        outbound.call("s3", AwsClients::isTransient, () -> s3.putObject(
            r -> r.bucket(bucket).key(key).contentType(contentType).contentLength((long) bytes.length), RequestBody.fromBytes(bytes)));
      } else {
        if (part.size() > 0) {
          uploadPart();
        }
        outbound.call("s3", AwsClients::isTransient, () -> s3.completeMultipartUpload(
            r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
      }
      finished = true;
    }

    @Override
    public void close() {
      if (!finished && uploadId != null) {
        outbound.call("s3", AwsClients::isTransient, () -> s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)));
      }
    }
  }

  @Override
  public void delete(String key) {
    outbound.call("s3", AwsClients::isTransient, () -> s3.deleteObject(r -> r.bucket(bucket).key(key)));
  }

  /**
   * Empty for "no such key": 404, or 403, which is how S3 answers a missing key to a role without
   * {@code s3:ListBucket} (the deployment grants a module its prefix only); anything else is thrown.
   */
  private static <T> Optional<T> missing(SdkServiceException e) {
    if (e.statusCode() == 404 || e.statusCode() == 403) {
      return Optional.empty();
    }
    throw e;
  }
}
