package dev.saaskit.shared.db;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (version 7, RFC 9562), generated here rather than by the database: no
 * sequence round trip, ids sort by creation, and 74 random bits keep them unguessable.
 */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static long lastMillis;
  private static long counter;

  private Ids() {}

  public static UUID newId() {
    long millis;
    long sequence;
    synchronized (Ids.class) {
      millis = System.currentTimeMillis();
      if (millis <= lastMillis) {
        millis = lastMillis;
        counter++;
        if (counter > 0xFFF) {
          millis = ++lastMillis;
          counter = 0;
        }
      } else {
        lastMillis = millis;
        counter = 0;
      }
      sequence = counter;
    }
    // 48 bits of milliseconds, version 7, 12 bits that keep ids of one millisecond in order.
    long high = (millis << 16) | 0x7000L | sequence;
    long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  /** Parses a UUID in its canonical 36-character form only, or returns null. */
  public static UUID parse(String value) {
    if (value == null || value.length() != 36) {
      return null;
    }
    for (int i = 0; i < 36; i++) {
      char c = value.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : Character.digit(c, 16) < 0) {
        return null;
      }
    }
    return UUID.fromString(value);
  }
}
