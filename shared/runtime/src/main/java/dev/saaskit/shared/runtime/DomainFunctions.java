package dev.saaskit.shared.runtime;

import dev.saaskit.shared.catalog.BeanDescriptor;
import dev.saaskit.shared.queue.SqsEventConverter;
import java.util.List;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A domain's functions, registered functionally: Lambda's {@code MAIN_CLASS} names the subclass,
 * Spring Cloud Function's {@code FunctionInvoker} runs it without component scanning or
 * auto-configuration, and {@code SPRING_CLOUD_FUNCTION_DEFINITION} picks the bean.
 */
public abstract class DomainFunctions implements ApplicationContextInitializer<GenericApplicationContext> {

  private final String module;

  protected DomainFunctions(String module) {
    this.module = module;
  }

  /** Registers every function of the domain; the catalog test holds this list and the catalog equal. */
  protected abstract void register(Functions functions);

  @Override
  public final void initialize(GenericApplicationContext context) {
    context.registerBean("sqsEventConverter", SqsEventConverter.class, SqsEventConverter::new);
    register(new Functions(context, new Platform(module)));
  }

  public final String module() {
    return module;
  }

  /** The beans this domain registers, without creating a context. */
  public final List<BeanDescriptor> describe() {
    Functions functions = new Functions(null, new Platform(module));
    register(functions);
    return functions.described();
  }
}
