package dev.saaskit.shared.runtime;

import dev.saaskit.shared.catalog.BeanDescriptor;
import dev.saaskit.shared.json.AwsEvents;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import org.springframework.cloud.function.context.FunctionRegistry;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.MessageConverter;

/**
 * A domain's functions, registered functionally as Spring Cloud Function {@code
 * FunctionRegistration}s. {@link LambdaHandler} builds them into a {@link #functionRegistry()};
 * as an {@code ApplicationContextInitializer} the same subclass registers them as beans of a Spring
 * context, where Spring Cloud Function's adapters find functions.
 */
public abstract class DomainFunctions implements ApplicationContextInitializer<GenericApplicationContext> {

  private final String module;

  protected DomainFunctions(String module) {
    this.module = module;
  }

  /** Registers every function of the domain; the catalog test holds this list and the catalog equal. */
  protected abstract void register(Functions functions);

  /** The domain class named {@code className} (Lambda's {@code MAIN_CLASS}), made with its no-argument constructor. */
  public static DomainFunctions load(String className) {
    Class<?> type;
    try {
      type = Class.forName(className);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("MAIN_CLASS " + className + " is not in this artifact", e);
    }
    if (!DomainFunctions.class.isAssignableFrom(type)) {
      throw new IllegalStateException("MAIN_CLASS " + className + " is not a " + DomainFunctions.class.getSimpleName());
    }
    try {
      return (DomainFunctions) type.getDeclaredConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("MAIN_CLASS " + className + " failed to construct", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("MAIN_CLASS " + className + " needs a public no-argument constructor", e);
    }
  }

  /**
   * The domain's functions in a Spring Cloud Function registry of their own, built without an
   * application context: no Spring Boot, no bean discovery, no routing function. No conversion
   * service, and only the message converter and JSON mapper the registry insists on: our functions
   * take the event's bytes and return their own types, so nothing is converted.
   */
  public final FunctionRegistry functionRegistry() {
    SimpleFunctionRegistry registry = new SimpleFunctionRegistry(null,
        new CompositeMessageConverter(List.of(new NoConversion())), new JacksonMapper(AwsEvents.MAPPER));
    register(Functions.into(registry, new Platform(module)));
    return registry;
  }

  @Override
  public final void initialize(GenericApplicationContext context) {
    register(Functions.into(context, new Platform(module)));
  }

  /** Declines every conversion: the registry requires a converter, our functions need none. */
  private static final class NoConversion implements MessageConverter {
    @Override
    public Object fromMessage(Message<?> message, Class<?> targetClass) {
      return null;
    }

    @Override
    public Message<?> toMessage(Object payload, MessageHeaders headers) {
      return null;
    }
  }

  public final String module() {
    return module;
  }

  /** The beans this domain registers, without building any of them. */
  public final List<BeanDescriptor> describe() {
    Functions functions = Functions.describing(new Platform(module));
    register(functions);
    return functions.described();
  }
}
