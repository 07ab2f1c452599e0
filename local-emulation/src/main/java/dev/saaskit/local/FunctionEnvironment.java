package dev.saaskit.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings the hosted functions read. In Lambda they are environment variables; here every
 * function shares the emulator's JVM, so they are JVM system properties, which the runtime's
 * {@code Settings} read before the environment. Closing puts back what was there before, so a test
 * can start one emulator after another in the same JVM.
 */
final class FunctionEnvironment implements AutoCloseable {

  private final Map<String, String> previous = new LinkedHashMap<>();
  private final Map<String, String> current = new LinkedHashMap<>();

  synchronized void set(String name, String value) {
    if (!previous.containsKey(name)) {
      previous.put(name, System.getProperty(name));
    }
    current.put(name, value);
    System.setProperty(name, value);
  }

  synchronized Map<String, String> current() {
    return Map.copyOf(current);
  }

  @Override
  public synchronized void close() {
    previous.forEach((name, value) -> {
      if (value == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, value);
      }
    });
    previous.clear();
    current.clear();
  }
}
