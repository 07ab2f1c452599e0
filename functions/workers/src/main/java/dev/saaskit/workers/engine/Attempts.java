package dev.saaskit.workers.engine;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.json.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Attempts at one organization's job steps, made safe against duplicates by conditional updates: a
 * queued step is claimed only for the attempt a message names, and an attempt's outcome is recorded
 * only against the row version its claim left. A message delivered twice therefore claims once, and
 * an attempt the sweeper took over (its function died or hung) records nothing when it ends.
 */
final class Attempts {

  /** Where a step stands when its message arrives. */
  record Waiting(String status, int attempts, long secondsToWait, String jobStatus) {}

  /** A step the sweeper looks at: a claim gone stale, or a queued step whose message never came. */
  record Found(UUID organization, UUID jobId, String step, int attempts, int version) {}

  private final Handle db;
  private final UUID organization;

  Attempts(Handle db, UUID organization) {
    this.db = db;
    this.organization = organization;
  }

  Optional<Waiting> waiting(UUID jobId, String step) {
    return db.createQuery(
            """
            select s.status, s.attempts, ceil(greatest(extract(epoch from s.run_at - now()), 0)) as seconds_to_wait,
                   j.status as job_status
              from worker_job_steps s join worker_jobs j on j.id = s.job_id
             where s.job_id = :job and s.step_key = :step and s.organization_id = :org
            """)
        .bind("job", jobId)
        .bind("step", step)
        .bind("org", organization)
        .map(rs -> new Waiting(rs.getString("status"), rs.getInt("attempts"), rs.getLong("seconds_to_wait"), rs.getString("job_status")))
        .findOne();
  }

  /** Starts attempt {@code attempt} if the step is queued and due for it; the row's new version, or empty when another claim won. */
  Optional<Integer> claim(UUID jobId, String step, int attempt) {
    return db.createQuery(
            """
            update worker_job_steps
               set status = 'running', attempts = attempts + 1, claimed_at = now(), started_at = coalesce(started_at, now()),
                   run_at = null, version = version + 1
             where job_id = :job and step_key = :step and organization_id = :org
               and status = 'queued' and attempts = :attempt - 1 and run_at <= now()
            returning version
            """)
        .bind("job", jobId)
        .bind("step", step)
        .bind("org", organization)
        .bind("attempt", attempt)
        .mapTo(Integer.class)
        .findOne();
  }

  /** The queued step is due again in {@code seconds}, when its next message arrives. */
  void postpone(UUID jobId, String step, int seconds) {
    db.createUpdate(
            """
            update worker_job_steps set run_at = now() + make_interval(secs => :seconds)
             where job_id = :job and step_key = :step and organization_id = :org and status = 'queued'
            """)
        .bind("job", jobId)
        .bind("step", step)
        .bind("org", organization)
        .bind("seconds", seconds)
        .execute();
  }

  /** The outputs of the job's steps that succeeded, by key: what expressions see as {@code steps}. */
  Map<String, JsonNode> outputs(UUID jobId) {
    Map<String, JsonNode> outputs = new LinkedHashMap<>();
    db.createQuery(
            """
            select step_key, output::text as output from worker_job_steps
             where job_id = :job and organization_id = :org and status = 'succeeded' order by position
            """)
        .bind("job", jobId)
        .bind("org", organization)
        .map(rs -> Map.entry(rs.getString("step_key"), Json.tree(rs.getString("output"))))
        .list().forEach(e -> outputs.put(e.getKey(), e.getValue()));
    return outputs;
  }

  boolean succeed(UUID jobId, String step, int version, JsonNode output) {
    return db.createUpdate(
            """
            update worker_job_steps
               set status = 'succeeded', output = cast(:output as jsonb), error = null, finished_at = now(), claimed_at = null,
                   version = version + 1
             where job_id = :job and step_key = :step and organization_id = :org and status = 'running' and version = :version
            """)
        .bind("job", jobId)
        .bind("step", step)
        .bind("org", organization)
        .bind("version", version)
        .bind("output", Json.write(output))
        .execute() == 1;
  }

  /** The attempt failed; the next is due in {@code seconds}. */
  boolean retryLater(UUID jobId, String step, int version, String error, int seconds) {
    return db.createUpdate(
            """
            update worker_job_steps
               set status = 'queued', error = :error, run_at = now() + make_interval(secs => :seconds), claimed_at = null,
                   version = version + 1
             where job_id = :job and step_key = :step and organization_id = :org and status = 'running' and version = :version
            """)
        .bind("job", jobId)
        .bind("step", step)
        .bind("org", organization)
        .bind("version", version)
        .bind("error", error)
        .bind("seconds", seconds)
        .execute() == 1;
  }

  boolean fail(UUID jobId, String step, int version, String error) {
    return db.createUpdate(
            """
            update worker_job_steps
               set status = 'failed', error = :error, finished_at = now(), claimed_at = null, version = version + 1
             where job_id = :job and step_key = :step and organization_id = :org and status = 'running' and version = :version
            """)
        .bind("job", jobId)
        .bind("step", step)
        .bind("org", organization)
        .bind("version", version)
        .bind("error", error)
        .execute() == 1;
  }

  /** A queued step whose message was lost is due now, under a new message; false when it changed meanwhile. */
  boolean resend(UUID jobId, String step, int version) {
    return db.createUpdate(
            """
            update worker_job_steps set run_at = now(), version = version + 1
             where job_id = :job and step_key = :step and organization_id = :org and status = 'queued' and version = :version
            """)
        .bind("job", jobId)
        .bind("step", step)
        .bind("org", organization)
        .bind("version", version)
        .execute() == 1;
  }

  /** Across organizations: steps claimed longer ago than any attempt can last (their function died). */
  static List<Found> staleClaims(Handle db, Duration age, int max) {
    return found(db, "status = 'running' and claimed_at < now() - make_interval(secs => :age) order by claimed_at", age, max);
  }

  /** Across organizations: queued steps due longer ago than a message takes to arrive (it was lost). */
  static List<Found> lostMessages(Handle db, Duration age, int max) {
    return found(db, "status = 'queued' and run_at < now() - make_interval(secs => :age) order by run_at", age, max);
  }

  private static List<Found> found(Handle db, String condition, Duration age, int max) {
    return db.createQuery("select organization_id, job_id, step_key, attempts, version from worker_job_steps where " + condition + " limit :max")
        .bind("age", age.toSeconds())
        .bind("max", max)
        .map(rs -> new Found(rs.getObject("organization_id", UUID.class), rs.getObject("job_id", UUID.class),
            rs.getString("step_key"), rs.getInt("attempts"), rs.getInt("version")))
        .list();
  }
}
