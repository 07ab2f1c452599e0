package dev.saaskit.workers.steps;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * Which addresses an http step may connect to: public unicast only. Refused: unspecified,
 * loopback, private (RFC 1918), shared (100.64/10), link-local (cloud metadata at 169.254.169.254
 * among them), multicast, reserved, documentation and benchmark ranges, IPv6 unique-local and
 * site-local, and IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4), judged by
 * that IPv4 address; Teredo, which hides one, is refused.
 */
final class AddressRules {

  private AddressRules() {}

  static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    return address instanceof Inet4Address ? publicV4(b) : address instanceof Inet6Address && publicV6(b);
  }

  private static boolean publicV4(byte[] b) {
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    int third = b[2] & 0xff;
    return !(first == 0
        || first == 10
        || first == 127
        || (first == 100 && second >= 64 && second <= 127)
        || (first == 169 && second == 254)
        || (first == 172 && second >= 16 && second <= 31)
        || (first == 192 && second == 0 && (third == 0 || third == 2))
        || (first == 192 && second == 88 && third == 99)
        || (first == 192 && second == 168)
        || (first == 198 && (second == 18 || second == 19))
        || (first == 198 && second == 51 && third == 100)
        || (first == 203 && second == 0 && third == 113)
        || first >= 224);
  }

  private static boolean publicV6(byte[] b) {
    if ((b[0] & 0xfe) == 0xfc) {
      return false; // unique-local fc00::/7
    }
    if (isZero(b, 0, 10) && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
      return publicV4(Arrays.copyOfRange(b, 12, 16)); // IPv4-compatible ::a.b.c.d and IPv4-mapped ::ffff:a.b.c.d
    }
    if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
      return publicV4(Arrays.copyOfRange(b, 12, 16)); // NAT64 64:ff9b::/96
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return publicV4(Arrays.copyOfRange(b, 2, 6)); // 6to4 2002::/16
    }
    if (b[0] == 0x20 && b[1] == 0x01 && ((b[2] == 0 && b[3] == 0) || (b[2] == 0x0d && b[3] == (byte) 0xb8))) {
      return false; // Teredo 2001::/32, documentation 2001:db8::/32
    }
    return (b[0] & 0xe0) == 0x20; // global unicast 2000::/3
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
