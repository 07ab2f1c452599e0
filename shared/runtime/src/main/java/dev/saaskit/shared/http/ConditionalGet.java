package dev.saaskit.shared.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * Conditional GET for cacheable replies: a strong {@code ETag} from the body's SHA-256, and 304
 * when the client's {@code If-None-Match} names it. The tag is computed from what is sent, so it
 * changes exactly when the body does, whatever the endpoint read to build it.
 */
final class ConditionalGet {

  private ConditionalGet() {}

  /** A 200 GET reply with a body that the endpoint made cacheable (it set {@code cache-control}). */
  static boolean applies(HttpRequest request, int status, Map<String, String> headers, String content) {
    return "GET".equals(request.method()) && status == 200 && content != null && headers.containsKey("cache-control");
  }

  static String tag(String content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** {@code If-None-Match}: {@code *}, or a list of tags, weak ({@code W/}) or strong, compared weakly (RFC 9110 13.1.2). */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
