package dev.saaskit.identity;

import dev.saaskit.testkit.CatalogContract;
import org.junit.jupiter.api.Test;

class IdentityCatalogTest {

  @Test
  void identity_module_matches_the_catalog() {
    CatalogContract.assertModuleMatchesCatalog(new IdentityFunctions());
  }
}
