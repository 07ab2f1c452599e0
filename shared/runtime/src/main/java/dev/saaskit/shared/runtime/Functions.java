package dev.saaskit.shared.runtime;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.saaskit.shared.catalog.BeanDescriptor;
import dev.saaskit.shared.catalog.CatalogException;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.Trigger;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.HttpFunction;
import dev.saaskit.shared.http.HttpResponse;
import dev.saaskit.shared.logs.LogsConsumer;
import dev.saaskit.shared.logs.LogsFunction;
import dev.saaskit.shared.queue.QueueConsumer;
import dev.saaskit.shared.queue.QueueFunction;
import dev.saaskit.shared.schedule.ScheduleFunction;
import dev.saaskit.shared.schedule.ScheduledJob;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.FunctionRegistry;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;

/**
 * Where a domain registers its functions. Each becomes a Spring Cloud Function {@code
 * FunctionRegistration} named after its handler class ({@code CreateKey} -> {@code createKey}).
 * Every function takes its event as JSON bytes and reads it itself, once, into our own types; HTTP
 * functions return {@link HttpResponse}, queue consumers {@code SQSBatchResponse}, schedules and
 * log consumers a map of counts. Handlers are built on first invocation, or when the function is primed.
 */
public final class Functions {

  private static final Type HTTP = types(byte[].class, HttpResponse.class);
  private static final Type SQS = types(byte[].class, SQSBatchResponse.class);
  private static final Type SCHEDULE = types(byte[].class, Map.class);
  private static final Type LOGS = types(byte[].class, Map.class);

  /** Where registrations go: a registry, a Spring context, or nowhere (when only describing). */
  private interface Sink {
    void register(String bean, Type type, Supplier<Binding<?>> function);
  }

  private final Sink sink;
  private final Platform platform;
  private final List<BeanDescriptor> described = new ArrayList<>();

  private Functions(Sink sink, Platform platform) {
    this.sink = sink;
    this.platform = platform;
  }

  static Functions into(FunctionRegistry registry, Platform platform) {
    return new Functions((bean, type, function) -> registry.register(registration(bean, type, function)), platform);
  }

  /** Bean definitions: a context builds a function only when something asks for it. */
  static Functions into(GenericApplicationContext context, Platform platform) {
    return new Functions((bean, type, function) ->
        context.registerBean(bean, FunctionRegistration.class, () -> registration(bean, type, function)), platform);
  }

  static Functions describing(Platform platform) {
    return new Functions((bean, type, function) -> {}, platform);
  }

  public Platform platform() {
    return platform;
  }

  public <I, O> void http(Class<? extends Endpoint<I, O>> handler, Class<I> requestType, Supplier<? extends Endpoint<I, O>> factory) {
    String bean = add(handler, Trigger.Http.class);
    register(bean, HTTP, () -> new HttpFunction<>(spec(bean), requestType, factory, platform));
  }

  public <M> void queue(Class<? extends QueueConsumer<M>> handler, Class<M> messageType, Supplier<? extends QueueConsumer<M>> factory) {
    String bean = add(handler, Trigger.Sqs.class);
    register(bean, SQS, () -> new QueueFunction<>(spec(bean), messageType, factory, platform));
  }

  public void schedule(Class<? extends ScheduledJob> handler, Supplier<? extends ScheduledJob> factory) {
    String bean = add(handler, Trigger.Schedule.class);
    register(bean, SCHEDULE, () -> new ScheduleFunction(spec(bean), factory, platform));
  }

  /** The function CloudWatch Logs subscriptions deliver the platform's log lines to. */
  public void logs(Class<? extends LogsConsumer> handler, Supplier<? extends LogsConsumer> factory) {
    String bean = add(handler, Trigger.Logs.class);
    register(bean, LOGS, () -> new LogsFunction(spec(bean), factory, platform));
  }

  public <I, O> void direct(
      Class<? extends DirectHandler<I, O>> handler, Class<I> inputType, Class<O> outputType, Supplier<? extends DirectHandler<I, O>> factory) {
    String bean = add(handler, Trigger.Direct.class);
    register(bean, types(byte[].class, outputType), () -> new DirectFunction<>(spec(bean), inputType, factory, platform));
  }

  List<BeanDescriptor> described() {
    return List.copyOf(described);
  }

  private String add(Class<?> handler, Class<? extends Trigger> trigger) {
    String name = handler.getSimpleName();
    String bean = Character.toLowerCase(name.charAt(0)) + name.substring(1);
    described.add(new BeanDescriptor(bean, trigger, handler.getName()));
    return bean;
  }

  private void register(String bean, Type type, Supplier<Binding<?>> function) {
    sink.register(bean, type, function);
  }

  private static FunctionRegistration<Binding<?>> registration(String bean, Type type, Supplier<Binding<?>> function) {
    return new FunctionRegistration<Binding<?>>(function.get(), bean).type(type);
  }

  private FunctionSpec spec(String bean) {
    return platform.catalog().function(platform.module(), bean)
        .orElseThrow(() -> new CatalogException("bean '" + bean + "' of module '" + platform.module() + "' is not in the catalog"));
  }

  private static Type types(Class<?> input, Class<?> output) {
    return ResolvableType.forClassWithGenerics(Function.class, input, output).getType();
  }
}
