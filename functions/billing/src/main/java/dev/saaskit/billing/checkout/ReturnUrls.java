package dev.saaskit.billing.checkout;

import dev.saaskit.shared.validation.Violations;
import java.net.URI;

/** Where Stripe's pages send the customer back to: an absolute http(s) URL. */
final class ReturnUrls {

  private ReturnUrls() {}

  static void check(Violations v, String field, String url) {
    if (!v.text(field, url, 2000)) {
      return;
    }
    try {
      URI uri = URI.create(url);
      if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        v.add(field, "must be an absolute http or https URL");
      }
    } catch (IllegalArgumentException e) {
      v.add(field, "must be an absolute http or https URL");
    }
  }
}
