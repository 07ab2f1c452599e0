package dev.saaskit.migrations;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code migrations/ownership.yaml}: each table's owning module, the modules that may read it and
 * those that may lock its rows. {@code runtime} is the shared runtime every function runs.
 */
public record Ownership(Map<String, Table> tables) {

  public static final String RUNTIME = "runtime";

  public record Table(String owner, Set<String> readers, Set<String> lockers) {}

  public static Ownership parse(byte[] yaml) {
    JsonNode root = new YAMLMapper().readTree(yaml);
    Map<String, Table> tables = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> t : root.path("tables").properties()) {
      tables.put(t.getKey(), new Table(t.getValue().path("owner").asString(null), names(t.getValue().path("read_by")),
          names(t.getValue().path("locked_by"))));
    }
    return new Ownership(tables);
  }

  /** Every module the file names: owners, readers and lockers. */
  public Set<String> modules() {
    Set<String> modules = new TreeSet<>();
    tables.values().forEach(t -> {
      if (t.owner() != null) {
        modules.add(t.owner());
      }
      modules.addAll(t.readers());
      modules.addAll(t.lockers());
    });
    return modules;
  }

  private static Set<String> names(JsonNode list) {
    Set<String> names = new TreeSet<>();
    list.forEach(n -> names.add(n.asString()));
    return names;
  }
}
