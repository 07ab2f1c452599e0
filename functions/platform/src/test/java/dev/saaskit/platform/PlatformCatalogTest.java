package dev.saaskit.platform;

import dev.saaskit.testkit.CatalogContract;
import org.junit.jupiter.api.Test;

class PlatformCatalogTest {

  @Test
  void platform_module_matches_the_catalog() {
    CatalogContract.assertModuleMatchesCatalog(new PlatformFunctions());
  }
}
