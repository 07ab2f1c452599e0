package dev.saaskit.audit;

import dev.saaskit.testkit.CatalogContract;
import org.junit.jupiter.api.Test;

class AuditCatalogTest {

  @Test
  void audit_module_matches_the_catalog() {
    CatalogContract.assertModuleMatchesCatalog(new AuditFunctions());
  }
}
