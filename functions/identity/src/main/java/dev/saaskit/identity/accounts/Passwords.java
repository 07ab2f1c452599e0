package dev.saaskit.identity.accounts;

import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.runtime.Lazy;
import dev.saaskit.shared.validation.Violations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Password rules and hashing. Rules: at least 10 characters, at most 128 bytes of UTF-8, not the
 * email address. Hashing: bcrypt (Spring Security's encoder, cost {@code BCRYPT_COST}, default 10)
 * of the base64 SHA-256 of the password. bcrypt reads only 72 bytes and Spring's encoder refuses
 * longer input; the digest makes every allowed password count in full, and its base64 has no NUL.
 */
public final class Passwords {

  public static final int MIN_CHARACTERS = 10;
  public static final int MAX_BYTES = 128;

  /** Built on first use: a container that never hashes never pays for the encoder. */
  private static final Lazy<BCryptPasswordEncoder> ENCODER =
      new Lazy<>(() -> new BCryptPasswordEncoder(Settings.getInt("BCRYPT_COST", 10)));

  /**
   * A bcrypt hash of a password no account has: compared against when an email is unknown, so
   * that answer takes as long as a wrong password.
   */
  private static final Lazy<String> DECOY = new Lazy<>(() -> hash("no account has this password"));

  private Passwords() {}

  /** Reports the first rule {@code password} breaks under {@code field}; {@code email} may be null. */
  public static boolean validate(Violations violations, String field, String password, String email) {
    if (!violations.required(field, password)) {
      return false;
    }
    if (password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
      violations.add(field, "must be at least " + MIN_CHARACTERS + " characters");
      return false;
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      violations.add(field, "must be at most " + MAX_BYTES + " bytes");
      return false;
    }
    if (email != null && Emails.normalize(password).equals(Emails.normalize(email))) {
      violations.add(field, "must not be the email address");
      return false;
    }
    return true;
  }

  public static String hash(String password) {
    return ENCODER.get().encode(digest(password));
  }

  /** True when {@code password} matches {@code hash}; a null hash (no password set) never matches. */
  public static boolean matches(String password, String hash) {
    if (hash == null) {
      ENCODER.get().matches(digest(password), DECOY.get());
      return false;
    }
    return ENCODER.get().matches(digest(password), hash);
  }

  private static String digest(String password) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sha);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
