package dev.saaskit.workers.hosts;

import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts an organization's http steps may call: {@code api.example.com} allows that name only,
 * {@code *.example.com} its subdomains (not example.com itself). Names are compared lower-cased.
 * Which addresses a name may resolve to is not the list's business: private, loopback and the like
 * are refused whatever the list says.
 */
public record AllowedHosts(List<String> hosts) implements Validatable {

  static final int MAX_HOSTS = 100;
  private static final Pattern HOST = Pattern.compile(
      "^(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$");

  @Override
  public void validate(Violations v) {
    if (!v.required("hosts", hosts) || !v.distinct("hosts", hosts)) {
      return;
    }
    if (hosts.size() > MAX_HOSTS) {
      v.add("hosts", "must have at most " + MAX_HOSTS + " hosts");
    }
    for (int i = 0; i < hosts.size(); i++) {
      String host = hosts.get(i);
      if (host.length() > 253 || !HOST.matcher(host).matches()) {
        v.add("hosts[" + i + "]", "must be a lower-case host name, or *. and a domain for its subdomains");
      }
    }
  }

  /** True when {@code host} (from a URL) is one of these or a subdomain a {@code *.} entry allows. */
  public boolean allow(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    for (String allowed : hosts) {
      if (allowed.startsWith("*.") ? name.endsWith(allowed.substring(1)) : name.equals(allowed)) {
        return true;
      }
    }
    return false;
  }
}
