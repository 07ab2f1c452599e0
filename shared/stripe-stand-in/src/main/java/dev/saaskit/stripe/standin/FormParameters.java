package dev.saaskit.stripe.standin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stripe's form encoding, as stripe-java writes it: {@code items[0][price]=price_1&metadata[k]=v&expand[0]=x}.
 * Read into nested maps; a map whose keys are all indexes is a list, in index order.
 */
final class FormParameters {

  private FormParameters() {}

  static Map<String, Object> parse(String encoded) {
    Map<String, Object> root = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return root;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      put(root, segments(key), value);
    }
    return normalise(root);
  }

  private static List<String> segments(String key) {
    List<String> parts = new ArrayList<>();
    int bracket = key.indexOf('[');
    parts.add(bracket < 0 ? key : key.substring(0, bracket));
    while (bracket >= 0) {
      int close = key.indexOf(']', bracket);
      parts.add(key.substring(bracket + 1, close));
      bracket = key.indexOf('[', close);
    }
    return parts;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> map, List<String> path, String value) {
    Map<String, Object> current = map;
    for (int i = 0; i < path.size() - 1; i++) {
      current = (Map<String, Object>) current.computeIfAbsent(path.get(i), k -> new LinkedHashMap<String, Object>());
    }
    current.put(path.get(path.size() - 1), value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> normalise(Map<String, Object> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> m ? listOrMap((Map<String, Object>) m) : v));
    return out;
  }

  private static Object listOrMap(Map<String, Object> map) {
    Map<String, Object> inner = normalise(map);
    if (!inner.isEmpty() && inner.keySet().stream().allMatch(k -> k.matches("\\d+"))) {
      TreeMap<Integer, Object> ordered = new TreeMap<>();
      inner.forEach((k, v) -> ordered.put(Integer.parseInt(k), v));
      return new ArrayList<>(ordered.values());
    }
    return inner;
  }
}
