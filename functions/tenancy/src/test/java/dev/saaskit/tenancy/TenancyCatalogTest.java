package dev.saaskit.tenancy;

import dev.saaskit.testkit.CatalogContract;
import org.junit.jupiter.api.Test;

class TenancyCatalogTest {

  @Test
  void tenancy_module_matches_the_catalog() {
    CatalogContract.assertModuleMatchesCatalog(new TenancyFunctions());
  }
}
