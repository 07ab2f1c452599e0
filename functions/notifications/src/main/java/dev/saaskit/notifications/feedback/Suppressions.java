package dev.saaskit.notifications.feedback;

import dev.saaskit.shared.db.Handle;
import java.util.Locale;
import java.util.Optional;

/** Addresses nothing is sent to any more, for any organization: SES reported a permanent bounce or a complaint. */
public final class Suppressions {

  private Suppressions() {}

  /** Why the address is suppressed ({@code bounce}, {@code complaint}), if it is. */
  public static Optional<String> reason(Handle db, String address) {
    return db.createQuery("select reason from email_suppressions where address = :address")
        .bind("address", normalize(address))
        .mapTo(String.class)
        .findOne();
  }

  static boolean add(Handle db, String address, String reason, String detail) {
    return db.createUpdate(
            """
            insert into email_suppressions (address, reason, detail) values (:address, :reason, :detail)
            on conflict (address) do nothing
            """)
        .bind("address", normalize(address))
        .bind("reason", reason)
        .bind("detail", detail)
        .execute() == 1;
  }

  static String normalize(String address) {
    return address.strip().toLowerCase(Locale.ROOT);
  }
}
