package dev.saaskit.shared.catalog;

/**
 * One catalog entry: a function, the domain module whose artifact holds it, the bean that
 * implements it, the handler class a reader opens next, its trigger, access rule and sizing.
 */
public record FunctionSpec(
    String name,
    String module,
    String bean,
    String handler,
    Trigger trigger,
    Access access,
    int memoryMb,
    int timeoutSeconds) {

  public Trigger.Http http() {
    return trigger instanceof Trigger.Http http ? http : null;
  }
}
