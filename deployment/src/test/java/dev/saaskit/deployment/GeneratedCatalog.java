package dev.saaskit.deployment;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.CatalogLoader;
import java.nio.charset.StandardCharsets;

/**
 * A catalog of the size the platform is to grow to: 300 functions in 10 modules of 30, each module
 * with public, signed-in and API-key routes, token-signing routes, queue consumers, schedules and a
 * direct function, and the platform's on-deploy migrate. Names are as long as the loader allows
 * where a limit could bite.
 */
final class GeneratedCatalog {

  static final int MODULES = 10;
  static final int FUNCTIONS_PER_MODULE = 30;

  private GeneratedCatalog() {}

  static Catalog of() {
    StringBuilder yaml = new StringBuilder("modules:\n");
    for (int m = 0; m < MODULES; m++) {
      yaml.append("  ").append(module(m)).append(": {initializer: dev.example.").append(module(m).replace('-', '_'))
          .append(".DomainFunctions}\n");
    }
    yaml.append("queues:\n");
    for (int m = 0; m < MODULES; m++) {
      for (int q = 0; q < 3; q++) {
        yaml.append("  ").append(queue(m, q)).append(": {visibility_timeout: 400, retention_days: 13}\n");
      }
    }
    yaml.append("functions:\n");
    int count = 0;
    for (int m = 0; m < MODULES; m++) {
      for (int i = 0; i < FUNCTIONS_PER_MODULE; i++) {
        String name = m == 0 && i == 0 ? "migrate" : name(m, i);
        yaml.append("  - {name: ").append(name).append(", module: ").append(module(m))
            .append(", handler: dev.example.").append(module(m).replace('-', '_')).append(".Handler").append(i).append(", ");
        if (m == 0 && i == 0) {
          yaml.append("direct: {on_deploy: true}, timeout: 300, reserved_concurrency: 1");
        } else if (i < 3) {
          yaml.append("sqs: {queue: ").append(queue(m, i)).append(", batch_size: 20, batching_window: 5, max_concurrency: 10}, timeout: 60");
        } else if (i < 5) {
          yaml.append("schedule: {expression: \"cron(0 ").append(i).append(" * * ? *)\"}, timeout: 60");
        } else if (i == 5) {
          yaml.append("direct: {on_deploy: false}");
        } else {
          String access = switch (i % 4) {
            case 0 -> "public";
            case 1 -> "signed_in";
            case 2 -> "{roles: [org_admin, super_admin]}";
            default -> "{roles: [org_admin], api_key_scopes: [things:read]}";
          };
          yaml.append("http: {method: ").append(i % 2 == 0 ? "POST" : "GET").append(", path: \"/api/v1/").append(module(m))
              .append("/things-").append(i).append("/{thing_id}\"}, access: ").append(access);
          if (i < 9) {
            yaml.append(", signs_tokens: true");
          }
        }
        yaml.append("}\n");
        count++;
      }
    }
    if (count != MODULES * FUNCTIONS_PER_MODULE) {
      throw new IllegalStateException("made " + count + " functions");
    }
    return CatalogLoader.parse(yaml.toString().getBytes(StandardCharsets.UTF_8), "generated-catalog.yaml");
  }

  private static String module(int m) {
    return "domain-" + (char) ('a' + m);
  }

  private static String queue(int m, int q) {
    return module(m) + "-work-" + q;
  }

  /** 48 characters, the longest catalog name. */
  private static String name(int m, int i) {
    String base = module(m) + "-function-" + i + "-";
    return base + "x".repeat(48 - base.length());
  }
}
