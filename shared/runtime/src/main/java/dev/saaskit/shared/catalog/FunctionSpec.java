package dev.saaskit.shared.catalog;

/**
 * One catalog entry: a function, the domain module whose artifact holds it, the bean that
 * implements it, the handler class a reader opens next, its trigger, access rule and sizing.
 *
 * @param signsTokens whether it signs access tokens (signs users in, or publishes the signing keys'
 *     public parts); the deployment gives only such functions the private signing keys ({@code
 *     JWT_SIGNING_KEYS_SECRET_ARN}), every other function verifies with the public set alone
 * @param throttle for an HTTP function, the requests per second and burst API Gateway lets through
 *     to it, its own or the default for its access rule; null for other triggers
 * @param reservedConcurrency the concurrency reserved for it, so a flood elsewhere cannot starve
 *     it (and it never runs more often at once); null for none
 */
public record FunctionSpec(
    String name,
    String module,
    String bean,
    String handler,
    Trigger trigger,
    Access access,
    int memoryMb,
    int timeoutSeconds,
    boolean signsTokens,
    Throttle throttle,
    Integer reservedConcurrency) {

  /** API Gateway's route throttling: a steady rate (requests per second) and a burst. */
  public record Throttle(int rate, int burst) {}

  public Trigger.Http http() {
    return trigger instanceof Trigger.Http http ? http : null;
  }
}
