package dev.saaskit.support.attachments;

import dev.saaskit.shared.validation.Violations;
import java.util.List;
import java.util.Locale;

/**
 * Which files a ticket takes: up to {@value #MAX_BYTES} bytes, of the types people send support
 * (screenshots, documents, logs, archives). No HTML, SVG or scripts, which a browser would run;
 * downloads are attachments anyway.
 */
final class AllowedFiles {

  static final long MAX_BYTES = 25L * 1024 * 1024;
  static final int MAX_NAME = 255;
  static final List<String> TYPES = List.of(
      "image/png", "image/jpeg", "image/gif", "image/webp",
      "application/pdf", "text/plain", "text/csv", "application/json",
      "application/zip", "application/gzip");

  private AllowedFiles() {}

  static void check(Violations v, String fileName, String contentType, Long sizeBytes) {
    if (v.text("file_name", fileName, MAX_NAME) && (fileName.contains("/") || fileName.contains("\\"))) {
      v.add("file_name", "must be a file name without a path");
    }
    if (v.required("content_type", contentType) && !TYPES.contains(contentType)) {
      v.add("content_type", "must be one of " + TYPES);
    }
    if (v.required("size_bytes", sizeBytes)) {
      v.range("size_bytes", sizeBytes, 1, MAX_BYTES);
    }
  }

  /** The media type of a Content-Type header, without parameters, in lower case. */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }
}
