package dev.saaskit.workers;

import dev.saaskit.testkit.CatalogContract;
import org.junit.jupiter.api.Test;

class WorkersCatalogTest {

  @Test
  void workers_module_matches_the_catalog() {
    CatalogContract.assertModuleMatchesCatalog(new WorkersFunctions());
  }
}
