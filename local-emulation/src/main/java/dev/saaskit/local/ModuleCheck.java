package dev.saaskit.local;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.ModuleSpec;
import dev.saaskit.shared.runtime.DomainFunctions;
import java.util.ArrayList;
import java.util.List;

/**
 * Before anything starts: every module of the catalog must be on the emulator's classpath and
 * register exactly the beans the catalog names, or a request would fail only when it reaches the
 * function. Reads each module's bean list without building a context.
 */
final class ModuleCheck {

  private ModuleCheck() {}

  static void verify(Catalog catalog) {
    List<String> problems = new ArrayList<>();
    String fix = "fix functions/catalog.yaml or the module's register()";
    for (ModuleSpec module : catalog.modules().values()) {
      Class<?> type;
      try {
        type = Class.forName(module.initializer(), false, ModuleCheck.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        problems.add("module '" + module.name() + "' (" + module.initializer() + ") is not on the emulator's classpath");
        fix = "add the module's artifact (functions-" + module.name() + ") as a dependency in local-emulation/pom.xml";
        continue;
      }
      if (!DomainFunctions.class.isAssignableFrom(type)) {
        problems.add("module '" + module.name() + "': " + module.initializer() + " does not extend DomainFunctions");
        continue;
      }
      DomainFunctions domain;
      try {
        domain = (DomainFunctions) type.getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException | RuntimeException e) {
        problems.add("module '" + module.name() + "': cannot create " + module.initializer() + " (" + LocalPostgres.firstLine(e) + ")");
        continue;
      }
      problems.addAll(catalog.compareWithBeans(module.name(), domain.describe()));
    }
    if (!problems.isEmpty()) {
      throw new StartupException(String.join("; ", problems) + ": " + fix);
    }
  }
}
