package dev.saaskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.Trigger;
import dev.saaskit.shared.http.HttpResponse;
import dev.saaskit.shared.runtime.DomainFunctions;
import java.util.ArrayList;
import java.util.List;
import org.springframework.cloud.function.context.FunctionRegistry;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;

/**
 * Holds a domain module and the catalog to each other: every catalog entry of the module has its
 * function in the module's Spring Cloud Function registry, of the function type its trigger needs,
 * running the handler class the entry names; and every bean the module registers is in the catalog. Each domain's {@code CatalogTest} calls it.
 */
public final class CatalogContract {

  private CatalogContract() {}

  public static void assertModuleMatchesCatalog(DomainFunctions domain) {
    Catalog catalog = Catalog.bundled();
    assertThat(catalog.modules().get(domain.module()))
        .as("module '%s' in the catalog", domain.module()).isNotNull();
    assertThat(catalog.modules().get(domain.module()).initializer()).isEqualTo(domain.getClass().getName());
    assertThat(catalog.compareWithBeans(domain.module(), domain.describe())).isEmpty();

    TestEnvironment.ensure();
    List<String> problems = new ArrayList<>();
    FunctionRegistry functions = domain.functionRegistry();
    for (FunctionSpec spec : catalog.inModule(domain.module())) {
      FunctionInvocationWrapper f = functions.getNames(null).contains(spec.bean()) ? functions.lookup(spec.bean()) : null;
      if (f == null) {
        problems.add(spec.name() + ": no function bean '" + spec.bean() + "'");
        continue;
      }
      Class<?> in = FunctionTypeUtils.getRawType(f.getInputType());
      Class<?> out = FunctionTypeUtils.getRawType(f.getOutputType());
      Class<?>[] expected = switch (spec.trigger()) {
        case Trigger.Http h -> new Class<?>[] {byte[].class, HttpResponse.class};
        case Trigger.Sqs s -> new Class<?>[] {byte[].class, SQSBatchResponse.class};
        case Trigger.Schedule s -> new Class<?>[] {byte[].class, java.util.Map.class};
        case Trigger.Direct d -> new Class<?>[] {byte[].class, out};
        case Trigger.Logs l -> new Class<?>[] {byte[].class, java.util.Map.class};
      };
      if (in != expected[0] || out != expected[1]) {
        problems.add(spec.name() + ": bean '" + spec.bean() + "' is Function<" + in.getSimpleName() + ", " + out.getSimpleName()
            + ">, a " + spec.trigger().kind() + " function must be Function<" + expected[0].getSimpleName() + ", " + expected[1].getSimpleName() + ">");
      }
    }
    assertThat(problems).isEmpty();
  }
}
