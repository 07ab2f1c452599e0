package dev.saaskit.support;

import dev.saaskit.testkit.CatalogContract;
import org.junit.jupiter.api.Test;

class SupportCatalogTest {

  @Test
  void support_module_matches_the_catalog() {
    CatalogContract.assertModuleMatchesCatalog(new SupportFunctions());
  }
}
