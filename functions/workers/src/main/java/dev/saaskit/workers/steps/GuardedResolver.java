package dev.saaskit.workers.steps;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The http steps' only way from a name to an address. The HTTP client connects to exactly the
 * addresses this returns, so the address checked is the address connected to: a DNS answer that
 * changes between a check and the connection (rebinding) has nothing to slip through. One
 * address that is not public refuses the name.
 */
final class GuardedResolver implements DnsResolver {

  /** The name resolved to an address no http step may reach. */
  static final class Refused extends UnknownHostException {
    Refused(String message) {
      super(message);
    }
  }

  @Override
  public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
    InetAddress[] addresses = LocalNetwork.addresses(host).orElse(null);
    if (addresses == null) {
      addresses = InetAddress.getAllByName(host);
    }
    List<InetSocketAddress> checked = new ArrayList<>();
    for (InetAddress address : addresses) {
      if (!AddressRules.isPublic(address) && !LocalNetwork.allowsLoopback(address, port)) {
        throw new Refused("'" + host + "' resolves to " + address.getHostAddress() + ", which http steps may not reach");
      }
      checked.add(new InetSocketAddress(address, port));
    }
    return checked;
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    List<InetSocketAddress> checked = resolve(host, 0);
    return checked.stream().map(InetSocketAddress::getAddress).toArray(InetAddress[]::new);
  }

  @Override
  public String resolveCanonicalHostname(String host) {
    return host;
  }
}
