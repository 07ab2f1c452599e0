package dev.saaskit.billing;

import dev.saaskit.testkit.CatalogContract;
import org.junit.jupiter.api.Test;

class BillingCatalogTest {

  @Test
  void billing_module_matches_the_catalog() {
    CatalogContract.assertModuleMatchesCatalog(new BillingFunctions());
  }
}
