package dev.saaskit.notifications;

import dev.saaskit.testkit.CatalogContract;
import org.junit.jupiter.api.Test;

class NotificationsCatalogTest {

  @Test
  void notifications_module_matches_the_catalog() {
    CatalogContract.assertModuleMatchesCatalog(new NotificationsFunctions());
  }
}
