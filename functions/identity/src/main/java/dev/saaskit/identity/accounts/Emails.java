package dev.saaskit.identity.accounts;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Email addresses as stored and compared: Unicode NFC, then lower case. Two spellings of one
 * address (decomposed accents, capitals) are then the same string, so equality and the unique
 * index on {@code users.email} need nothing more.
 */
public final class Emails {

  private Emails() {}

  public static String normalize(String email) {
    return Normalizer.normalize(email, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }
}
