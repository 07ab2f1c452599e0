package dev.saaskit.shared.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** An update's audit detail: {@code {field: {from, to}}} for each field whose value changed, in the order given. */
public final class AuditChanges {

  private final Map<String, Object> changes = new LinkedHashMap<>();

  /** Records the field when {@code from} and {@code to} differ; either may be null. */
  public AuditChanges field(String name, Object from, Object to) {
    if (!Objects.equals(from, to)) {
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("from", from);
      change.put("to", to);
      changes.put(name, change);
    }
    return this;
  }

  /** Records only that the field changed, for a value too large (or not worth) repeating in the trail. */
  public AuditChanges replaced(String name, Object from, Object to) {
    if (!Objects.equals(from, to)) {
      changes.put(name, "replaced");
    }
    return this;
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  public Map<String, Object> toMap() {
    return changes;
  }
}
