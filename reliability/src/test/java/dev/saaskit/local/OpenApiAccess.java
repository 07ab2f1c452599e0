package dev.saaskit.local;

import dev.saaskit.shared.catalog.Catalog;
import tools.jackson.databind.node.ObjectNode;

/** The emulator's OpenAPI document (package-private there) for the reliability suite's fuzzing. */
public final class OpenApiAccess {

  private OpenApiAccess() {}

  public static ObjectNode document(Catalog catalog) {
    return OpenApiDocument.of(catalog, "http://localhost");
  }
}
