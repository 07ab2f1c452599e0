package dev.saaskit.auth;

import dev.saaskit.testkit.CatalogContract;
import org.junit.jupiter.api.Test;

class AuthCatalogTest {

  @Test
  void auth_module_matches_the_catalog() {
    CatalogContract.assertModuleMatchesCatalog(new AuthFunctions());
  }
}
