package dev.saaskit.shared.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Files of the platform (attachments, logos, exports) in one bucket, reached only through presigned
 * URLs: the bytes go between the client and the store, never through a function; only files a
 * function makes itself (exports) are written by it, streamed ({@link #write}). Keys are made by
 * the owning domain: its module's name first (the deployment grants each module that prefix alone),
 * then the organization's id, so one organization's files never share a prefix with another's.
 */
public interface ObjectStorage {

  /** What the store holds under a key. */
  record StoredObject(long size, String contentType) {}

  /** A presigned upload: PUT the bytes to {@code url} with exactly these headers (they are signed). */
  record Upload(URI url, Map<String, String> headers) {}

  /**
   * A URL that uploads exactly one object under {@code key} with this content type and length,
   * until {@code validFor} has passed: the signature covers both, so S3 refuses a PUT of another
   * type or size. When {@code downloadAs} is given, the signature covers {@code Content-Disposition:
   * attachment} under that file name too and the object keeps it, so even a plain GET of it (or one
   * through a store that ignores a GET's {@code response-content-disposition}, such as moto)
   * downloads rather than renders.
   */
  Upload presignUpload(String key, String contentType, long contentLength, String downloadAs, Duration validFor);

  /**
   * A URL that downloads the object, answered with this content type and, when {@code
   * downloadAs} is given, {@code Content-Disposition: attachment} under that file name, so a
   * browser saves it rather than renders it.
   */
  URI presignDownload(String key, String contentType, String downloadAs, Duration validFor);

  /**
   * The object's size and type, or empty when there is none. Without {@code s3:ListBucket} S3
   * answers a missing key with 403 rather than 404, so both mean "not there".
   */
  Optional<StoredObject> head(String key);

  /** Up to {@code count} bytes from the object's start (to check what a file really is), if it exists. */
  Optional<byte[]> firstBytes(String key, int count);

  /** Deletes the object if there is one. */
  void delete(String key);

  /** Writes an object's bytes, as they are made, to the stream it is given. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Stores an object made by a function (an export), streamed in parts so that no more than one part
   * is held in memory however large it grows; the object exists, whole, only once {@code content}
   * returned without an exception. Answers its size in bytes.
   */
  long write(String key, String contentType, Content content) throws IOException;

  /**
   * {@code attachment; filename="..."; filename*=UTF-8''...} (RFC 6266): an ASCII fallback, with
   * control characters, non-ASCII, quotes and backslashes as {@code _}, and the exact name.
   */
  static String contentDisposition(String fileName) {
    String ascii = fileName.codePoints()
        .map(c -> c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? '_' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
    String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
