package dev.saaskit.themes;

import dev.saaskit.testkit.CatalogContract;
import org.junit.jupiter.api.Test;

class ThemesCatalogTest {

  @Test
  void themes_module_matches_the_catalog() {
    CatalogContract.assertModuleMatchesCatalog(new ThemesFunctions());
  }
}
