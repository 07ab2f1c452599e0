package dev.saaskit.keys;

import dev.saaskit.testkit.CatalogContract;
import org.junit.jupiter.api.Test;

class KeysCatalogTest {

  @Test
  void keys_module_matches_the_catalog() {
    CatalogContract.assertModuleMatchesCatalog(new KeysFunctions());
  }
}
