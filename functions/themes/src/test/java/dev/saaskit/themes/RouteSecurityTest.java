package dev.saaskit.themes;

import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestStorage;
import dev.saaskit.testkit.security.IsolationCase;
import dev.saaskit.testkit.security.RouteSecurity;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalog-walking security checks on every themes route. */
class RouteSecurityTest {

  static final String MODULE = "themes";

  @BeforeAll
  static void storage() {
    TestStorage.get();
  }

  @Test
  void every_guarded_route_needs_credentials() {
    RouteSecurity.assertEveryRouteNeedsCredentials(MODULE);
  }

  @Test
  void roles_below_each_rule_are_refused() {
    RouteSecurity.assertRolesAreEnforced(MODULE);
  }

  @Test
  void another_organizations_theme_uploads_and_pages_are_not_found_and_stay_as_they_were() {
    String page = "{\"title\": \"taken over\", \"markdown\": \"x\", \"status\": \"published\"}";
    RouteSecurity.assertTenantIsolation(MODULE, Map.of(
        "get-theme", theme(null),
        "update-theme", theme("{\"colors\": {\"primary\": \"#000000\", \"on_primary\": \"#ffffff\", \"background\": \"#ffffff\", "
            + "\"text\": \"#000000\", \"link\": \"#000000\"}, \"fonts\": {\"heading\": \"Lora\", \"body\": \"Lora\"}}"),
        "complete-theme-upload", upload(),
        "get-page", aPage(null),
        "update-page", aPage(page),
        "delete-page", aPage(null)), Map.of());
  }

  /** Organization A's theme, which B's calls address as their own organization's. */
  static IsolationCase theme(String body) {
    return new Case() {
      @Override
      public Target prepare(Tenant a) {
        Themes.created(a);
        return new Target(Map.of(), body);
      }
    };
  }

  static IsolationCase upload() {
    return new Case() {
      @Override
      public Target prepare(Tenant a) {
        Themes.created(a);
        Themes.Declared upload = Themes.declared(a, "logo", "image/png", Themes.PNG.length);
        TestStorage.get().put(upload.url(), "image/png", Themes.PNG);
        return new Target(Map.of("id", upload.id().toString()), null);
      }
    };
  }

  static IsolationCase aPage(String body) {
    return new Case() {
      @Override
      public Target prepare(Tenant a) {
        Themes.createdPage(a, "about", "x", "draft");
        return new Target(Map.of("slug", "about"), body);
      }
    };
  }

  /** A's theme, uploads, pages and audit trail as the snapshot. */
  abstract static class Case implements IsolationCase {
    @Override
    public Object snapshot(Tenant a) {
      return Themes.snapshot(a.organizationId());
    }
  }
}
