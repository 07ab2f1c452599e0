package dev.saaskit.testkit;

import dev.saaskit.testkit.fixture.TestDomain;
import org.junit.jupiter.api.Test;

class CatalogTest {

  @Test
  void test_domain_matches_its_catalog() {
    CatalogContract.assertModuleMatchesCatalog(new TestDomain());
  }
}
