package dev.saaskit.identity.sessions;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Random secrets handed to a client once and stored only as their SHA-256: refresh tokens, email
 * verification and password reset tokens. 256 bits, base64url without padding (43 characters).
 */
public final class OpaqueTokens {

  public static final int LENGTH = 43;

  private static final SecureRandom RANDOM = new SecureRandom();

  private OpaqueTokens() {}

  public static String generate() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** A token derived from another under a key (HMAC-SHA256): the same inputs give the same token, and only the key's holder can make it. */
  public static String derive(byte[] key, String from) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(from.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What is stored and looked up: the SHA-256 of the token's text. */
  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True when {@code token} could have been made by {@link #generate()}; anything else needs no look-up. */
  public static boolean wellFormed(String token) {
    if (token == null || token.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = token.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }
}
