package dev.saaskit.shared.limits;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The plan limits of organizations, one API for every domain. A plan's limits live in the {@code
 * plans} table (one column per {@link Limit}, null for unlimited); an organization's usage is counted
 * by each limit's query.
 *
 * <p>Before creating something that counts against a limit, a domain calls {@link #ensureRoom} in
 * its request's transaction: it locks the organization's row until the transaction ends, so two
 * concurrent requests cannot both take the last unit. The lock is a row lock, transaction-scoped,
 * and holds through a transaction-pooling proxy.
 */
public final class Limits {

  /**
   * What a plan limits. The code is the {@code plans} column and the name clients see. The usage
   * query counts an organization's use, with {@code :org} bound to its id; a limit whose counting
   * table does not exist yet has none and reports 0. A domain that adds such a table (API keys,
   * stored files, metered requests) writes its query here.
   */
  public enum Limit {
    MEMBERS("members", "select count(*) from organization_members where organization_id = :org"),
    WORKSPACES("workspaces", "select count(*) from workspaces where organization_id = :org"),
    /** Keys not revoked: a disabled or expired key can be turned back on. */
    API_KEYS("api_keys", "select count(*) from api_keys where organization_id = :org and revoked_at is null"),
    /** Support attachments, declared and completed: a declared upload holds its bytes until it is completed or purged. */
    STORAGE_BYTES("storage_bytes", "select coalesce(sum(size_bytes), 0) from support_attachments where organization_id = :org"),
    /** Requests authenticated by the organization's API keys in the current UTC month, any outcome. */
    API_REQUESTS_PER_MONTH("api_requests_per_month", """
        select coalesce(sum(status_2xx + status_3xx + status_4xx + status_5xx), 0) from api_key_usage
         where organization_id = :org and day >= cast(date_trunc('month', now() at time zone 'utc') as date)
        """),
    /** Job steps running now (the workers domain): one organization's backlog cannot hold every worker. */
    CONCURRENT_JOB_STEPS("concurrent_job_steps",
        "select count(*) from worker_job_steps where organization_id = :org and status = 'running'");

    private final String code;
    private final String usageQuery;

    Limit(String code, String usageQuery) {
      this.code = code;
      this.usageQuery = usageQuery;
    }

    public String code() {
      return code;
    }
  }

  /** One limit of an organization: the plan's value (null: unlimited) and the current use. */
  public record Usage(Long value, long current) {}

  /** An organization's plan, and each limit with its usage, in {@link Limit} order. */
  public record Report(String plan, Map<Limit, Usage> limits) {}

  private Limits() {}

  /**
   * Throws {@code limit_exceeded} (402, with extensions {@code limit}, {@code value} and {@code
   * current}) unless the organization's plan leaves room for {@code adding} more of {@code limit};
   * {@code not_found} when the organization does not exist or is deleted. Locks the organization's
   * row for the rest of the caller's transaction.
   */
  public static void ensureRoom(Handle db, UUID organizationId, Limit limit, long adding) {
    Optional<PlanLimit> row = db.createQuery(
            "select o.plan, p." + limit.code + " as value from organizations o join plans p on p.code = o.plan"
                + " where o.id = :org and o.deleted_at is null for update of o")
        .bind("org", organizationId)
        .map(rs -> new PlanLimit(rs.getString("plan"), rs.getObject("value", Long.class)))
        .findOne();
    PlanLimit plan = row.orElseThrow(() -> ApiException.notFound("organization"));
    if (plan.value() == null) {
      return;
    }
    long current = usage(db, organizationId, limit);
    if (current + adding > plan.value()) {
      throw new ApiException(ProblemType.LIMIT_EXCEEDED,
              "the plan '" + plan.plan() + "' allows " + plan.value() + " " + limit.code.replace('_', ' ')
                  + " and the organization has " + current)
          .extension("limit", limit.code)
          .extension("value", plan.value())
          .extension("current", current);
    }
  }

  /** The code of the organization's plan, or empty when it does not exist. */
  public static Optional<String> plan(Handle db, UUID organizationId) {
    return db.createQuery("select plan from organizations where id = :org").bind("org", organizationId).mapTo(String.class).findOne();
  }

  /** The organization's plan, limits and usage, or empty when it does not exist. */
  public static Optional<Report> report(Handle db, UUID organizationId) {
    Optional<PlanLimits> plan = db.createQuery("select o.plan, p.* from organizations o join plans p on p.code = o.plan where o.id = :org")
        .bind("org", organizationId)
        .map(rs -> {
          Map<Limit, Long> values = new EnumMap<>(Limit.class);
          for (Limit limit : Limit.values()) {
            values.put(limit, rs.getObject(limit.code, Long.class));
          }
          return new PlanLimits(rs.getString("plan"), values);
        })
        .findOne();
    return plan.map(p -> {
      Map<Limit, Usage> limits = new EnumMap<>(Limit.class);
      p.values().forEach((limit, value) -> limits.put(limit, new Usage(value, usage(db, organizationId, limit))));
      return new Report(p.plan(), Collections.unmodifiableMap(limits));
    });
  }

  /** How much of {@code limit} the organization uses now. */
  public static long usage(Handle db, UUID organizationId, Limit limit) {
    if (limit.usageQuery == null) {
      return 0;
    }
    return db.createQuery(limit.usageQuery).bind("org", organizationId).mapTo(Long.class).one();
  }

  private record PlanLimit(String plan, Long value) {}

  private record PlanLimits(String plan, Map<Limit, Long> values) {}
}
