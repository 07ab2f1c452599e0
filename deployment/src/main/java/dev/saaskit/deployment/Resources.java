package dev.saaskit.deployment;

import static dev.saaskit.deployment.Cfn.object;
import static dev.saaskit.deployment.Cfn.pascal;

import dev.saaskit.shared.catalog.CatalogException;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** The template's Resources, and the logical ids made from catalog names. */
final class Resources {

  private final ObjectNode node = object();
  /** Which catalog entry each logical id was made for: two names may collapse into one id. */
  private final Map<String, String> owners = new HashMap<>();

  /** Adds a resource and returns its Properties; fails when an id made for another entry is the same. */
  ObjectNode add(String id, String type, String owner) {
    String previous = owners.putIfAbsent(id, owner);
    if (previous != null) {
      throw new CatalogException(owner + ": its resource " + id + " has the same name as one made for " + previous
          + "; rename one of them");
    }
    return node.putObject(id).put("Type", type).putObject("Properties");
  }

  /** The resource itself, for its attributes beside Properties (DependsOn, Metadata, DeletionPolicy). */
  ObjectNode attributes(String id) {
    return (ObjectNode) node.get(id);
  }

  ObjectNode node() {
    return node;
  }

  static String functionId(String name) {
    return pascal(name) + "Function";
  }

  static String queueId(String name) {
    return pascal(name) + "Queue";
  }

  static String deadLetterId(String name) {
    return pascal(name) + "DeadLetterQueue";
  }
}
