package dev.saaskit.stripe.standin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} over {@code
 * <t>.<raw body>}, keyed with the whole endpoint secret ({@code whsec_...}) as UTF-8 bytes.
 */
public final class WebhookSignature {

  private WebhookSignature() {}

  public static String header(byte[] body, String secret, long timestamp) {
    return "t=" + timestamp + ",v1=" + hmac(body, secret, timestamp);
  }

  public static String hmac(byte[] body, String secret, long timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
