package dev.saaskit.shared.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * What an API key looks like: {@code vk_live_} or {@code vk_test_}, 32 random base62 characters
 * (190 bits), and a 6-character base62 CRC32 of everything before it. The checksum lets leaked-key
 * scanners and our own authentication tell a typo or a made-up string from a key without a database
 * read. Base62 keeps the key one word for a double click and safe in URLs and headers.
 *
 * <p>Only the SHA-256 of a key is stored, and its display prefix: the environment and the first
 * six random characters, which leave 154 bits unknown.
 */
public final class ApiKeyFormat {

  public static final String LIVE = "live";
  public static final String TEST = "test";

  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final int RANDOM_LENGTH = 32;
  private static final int CHECKSUM_LENGTH = 6;
  private static final int HEAD_LENGTH = "vk_live_".length();
  private static final int DISPLAYED_RANDOM = 6;
  public static final int LENGTH = HEAD_LENGTH + RANDOM_LENGTH + CHECKSUM_LENGTH;

  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeyFormat() {}

  /** A new key of the environment {@code live} or {@code test}. */
  public static String generate(String environment) {
    if (!LIVE.equals(environment) && !TEST.equals(environment)) {
      throw new IllegalArgumentException("environment must be live or test");
    }
    StringBuilder key = new StringBuilder(LENGTH).append(ApiKeyAuthenticator.PREFIX).append(environment).append('_');
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return key.append(checksum(key)).toString();
  }

  /** True when the key has the format and its checksum matches; says nothing of whether it exists. */
  public static boolean isWellFormed(String key) {
    if (key == null || key.length() != LENGTH || !(key.startsWith("vk_live_") || key.startsWith("vk_test_"))) {
      return false;
    }
    for (int i = HEAD_LENGTH; i < LENGTH; i++) {
      if (ALPHABET.indexOf(key.charAt(i)) < 0) {
        return false;
      }
    }
    return checksum(key.subSequence(0, LENGTH - CHECKSUM_LENGTH)).equals(key.substring(LENGTH - CHECKSUM_LENGTH));
  }

  /** {@code live} or {@code test}, of a well-formed key. */
  public static String environment(String key) {
    return key.substring(3, HEAD_LENGTH - 1);
  }

  /** What lists show of a key: {@code vk_live_} and the first six random characters. */
  public static String displayPrefix(String key) {
    return key.substring(0, HEAD_LENGTH + DISPLAYED_RANDOM);
  }

  /** The SHA-256 of the key, the only form in which it is stored. */
  public static byte[] hash(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String checksum(CharSequence head) {
    CRC32 crc = new CRC32();
    crc.update(head.toString().getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] out = new char[CHECKSUM_LENGTH];
    for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
      out[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
      value /= ALPHABET.length();
    }
    return new String(out);
  }
}
