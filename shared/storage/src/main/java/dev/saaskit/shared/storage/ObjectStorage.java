package dev.saaskit.shared.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
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

  /**
   * A URL that uploads exactly one object under {@code key} with this content type and length,
   * until {@code validFor} has passed.
   */
  URI presignUpload(String key, String contentType, long contentLength, Duration validFor);

  /**
   * A URL that downloads the object, answered with this content type and, when {@code
   * downloadAs} is given, {@code Content-Disposition: attachment} under that file name, so a
   * browser saves it rather than renders it.
   */
  URI presignDownload(String key, String contentType, String downloadAs, Duration validFor);

  /** The object's size and type, if it exists. */
  Optional<StoredObject> head(String key);

  /** Up to {@code count} bytes from the object's start (to check what a file really is), if it exists. */
  Optional<byte[]> firstBytes(String key, int count);

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
}
