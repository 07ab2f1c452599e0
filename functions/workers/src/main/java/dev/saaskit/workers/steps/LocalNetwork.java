package dev.saaskit.workers.steps;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the tests and the local emulator may do that a deployed function never does, each read only
 * from a JVM system property (never the environment, which is where a deployment puts settings) and
 * ignored inside AWS Lambda ({@code AWS_LAMBDA_FUNCTION_NAME} set):
 *
 * <ul>
 *   <li>{@code WORKERS_LOCAL_LOOPBACK_PORTS}: loopback ports (comma-separated) http steps may
 *       connect to, e.g. a test's HTTP server or the emulator's own API. Loopback only, these ports
 *       only; every other address rule stands.
 *   <li>{@code WORKERS_LOCAL_HOSTS}: {@code name=address} pairs (comma-separated) answered instead of
 *       asking DNS, so a test can make a name resolve to a private or loopback address.
 * </ul>
 */
final class LocalNetwork {

  static final String LOOPBACK_PORTS = "WORKERS_LOCAL_LOOPBACK_PORTS";
  static final String HOSTS = "WORKERS_LOCAL_HOSTS";

  private LocalNetwork() {}

  static boolean allowsLoopback(InetAddress address, int port) {
    return address.isLoopbackAddress() && loopbackPorts().contains(port);
  }

  /** The addresses a test gave {@code host}, if it gave any. */
  static Optional<InetAddress[]> addresses(String host) throws UnknownHostException {
    String address = hosts().get(host);
    return address == null ? Optional.empty() : Optional.of(new InetAddress[] {InetAddress.getByName(address)});
  }

  private static Set<Integer> loopbackPorts() {
    return setting(LOOPBACK_PORTS).map(v -> Stream.of(v.split(",")).map(String::trim).filter(p -> !p.isEmpty()).map(Integer::valueOf)
        .collect(Collectors.toSet())).orElse(Set.of());
  }

  private static Map<String, String> hosts() {
    Map<String, String> hosts = new HashMap<>();
    setting(HOSTS).ifPresent(v -> Stream.of(v.split(",")).map(String::trim).filter(p -> p.contains("="))
        .forEach(p -> hosts.put(p.substring(0, p.indexOf('=')).trim(), p.substring(p.indexOf('=') + 1).trim())));
    return hosts;
  }

  private static Optional<String> setting(String name) {
    if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null) {
      return Optional.empty();
    }
    return Optional.ofNullable(System.getProperty(name)).filter(v -> !v.isBlank());
  }
}
