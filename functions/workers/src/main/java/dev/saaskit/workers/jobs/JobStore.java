package dev.saaskit.workers.jobs;

import static dev.saaskit.shared.db.RowMapper.instant;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.json.Json;
import dev.saaskit.workers.templates.Definition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The jobs of one organization and their steps. Every query filters by the organization, from the
 * caller's credentials or from the engine's message about one of its own jobs. A change to a job or
 * to which of its steps run happens with the job's row locked ({@link #lock}), so the changes of
 * one job (steps ending at the same moment, cancel, retry) are made one after another.
 */
public final class JobStore {

  private static final String SELECT =
      """
      select j.id, j.template_id, t.name as template_name, j.template_version, j.status, j.parameters::text as parameters, j.error,
             j.created_at, j.finished_at, j.canceled_at
        from worker_jobs j join worker_templates t on t.id = j.template_id
      """;

  private final Handle db;
  private final UUID organization;

  public JobStore(Handle db, UUID organization) {
    this.db = db;
    this.organization = organization;
  }

  /** A running job with every step pending. */
  Job insert(UUID id, UUID templateId, int version, JsonNode parameters, Definition definition, UUID userId, UUID apiKeyId) {
    db.createUpdate(
            """
            insert into worker_jobs (id, organization_id, template_id, template_version, status, parameters, created_by_user_id,
                                     created_by_api_key_id)
            values (:id, :org, :template, :version, 'running', cast(:parameters as jsonb), :user, :key)
            """)
        .bind("id", id)
        .bind("org", organization)
        .bind("template", templateId)
        .bind("version", version)
        .bind("parameters", Json.write(parameters))
        .bind("user", userId)
        .bind("key", apiKeyId)
        .execute();
    db.createUpdate(
            """
            insert into worker_job_steps (job_id, step_key, organization_id, position, status)
            select :id, key, :org, position - 1, 'pending' from unnest(:keys) with ordinality as s (key, position)
            """)
        .bind("id", id)
        .bind("org", organization)
        .bind("keys", definition.steps().stream().map(Definition.Step::key).toArray(String[]::new))
        .execute();
    return find(id).orElseThrow();
  }

  public Optional<Job> find(UUID id) {
    return db.createQuery(SELECT + " where j.id = :id and j.organization_id = :org")
        .bind("id", id)
        .bind("org", organization)
        .map(rs -> read(rs))
        .findOne();
  }

  /** Finds the job and locks it until the transaction ends. */
  public Optional<Job> lock(UUID id) {
    return db.createQuery(SELECT + " where j.id = :id and j.organization_id = :org for update of j")
        .bind("id", id)
        .bind("org", organization)
        .map(rs -> read(rs))
        .findOne();
  }

  List<Job> list(PageRequest page, String status, UUID templateId) {
    return db.createQuery(SELECT
            + """
               where j.organization_id = :org
                 and (cast(:status as text) is null or j.status = cast(:status as text))
                 and (cast(:template as uuid) is null or j.template_id = cast(:template as uuid))
                 and (cast(:after as uuid) is null or j.id > cast(:after as uuid))
               order by j.id
               limit :limit
              """)
        .bind("org", organization)
        .bind("status", status)
        .bind("template", templateId)
        .bind("after", page.after())
        .bind("limit", page.fetchSize())
        .map(rs -> read(rs))
        .list();
  }

  /** The job's steps in the template's order. */
  public List<StepState> steps(UUID jobId) {
    return db.createQuery(
            """
            select step_key, status, attempts, run_at, started_at, finished_at, output::text as output, error, version
              from worker_job_steps where job_id = :job and organization_id = :org order by position
            """)
        .bind("job", jobId)
        .bind("org", organization)
        .map(rs -> new StepState(rs.getString("step_key"), rs.getString("status"), rs.getInt("attempts"), instant(rs, "run_at"),
            instant(rs, "started_at"), instant(rs, "finished_at"), json(rs, "output"), rs.getString("error"), rs.getInt("version")))
        .list();
  }

  /** Ends a running job: succeeded, failed (with why) or canceled. */
  public void end(UUID jobId, String status, String error) {
    db.createUpdate(
            """
            update worker_jobs
               set status = :status, error = :error, finished_at = now(),
                   canceled_at = case when :status = 'canceled' then now() end
             where id = :job and organization_id = :org and status = 'running'
            """)
        .bind("job", jobId)
        .bind("org", organization)
        .bind("status", status)
        .bind("error", error)
        .execute();
  }

  /** A failed job runs again: its failed steps, and those canceled when it failed, wait for their predecessors afresh. */
  void reopen(UUID jobId) {
    db.createUpdate(
            """
            update worker_job_steps
               set status = 'pending', attempts = 0, run_at = null, started_at = null, finished_at = null, output = null, error = null,
                   version = version + 1
             where job_id = :job and organization_id = :org and status in ('failed', 'canceled')
            """)
        .bind("job", jobId)
        .bind("org", organization)
        .execute();
    db.createUpdate("update worker_jobs set status = 'running', error = null, finished_at = null where id = :job and organization_id = :org")
        .bind("job", jobId)
        .bind("org", organization)
        .execute();
  }

  /** A pending step whose predecessors are done becomes due {@code delaySeconds} from now. */
  public void queue(UUID jobId, String key, int delaySeconds) {
    db.createUpdate(
            """
            update worker_job_steps set status = 'queued', run_at = now() + make_interval(secs => :delay), version = version + 1
             where job_id = :job and step_key = :key and organization_id = :org and status = 'pending'
            """)
        .bind("job", jobId)
        .bind("key", key)
        .bind("org", organization)
        .bind("delay", delaySeconds)
        .execute();
  }

  public void skip(UUID jobId, String key) {
    db.createUpdate(
            """
            update worker_job_steps set status = 'skipped', finished_at = now(), version = version + 1
             where job_id = :job and step_key = :key and organization_id = :org and status = 'pending'
            """)
        .bind("job", jobId)
        .bind("key", key)
        .bind("org", organization)
        .execute();
  }

  /** Nothing new starts: steps waiting for their turn or their predecessors are canceled; running ones finish. */
  public void cancelWaiting(UUID jobId) {
    db.createUpdate(
            """
            update worker_job_steps set status = 'canceled', run_at = null, finished_at = now(), version = version + 1
             where job_id = :job and organization_id = :org and status in ('pending', 'queued')
            """)
        .bind("job", jobId)
        .bind("org", organization)
        .execute();
  }

  private static Job read(ResultSet rs) throws SQLException {
    return new Job(rs.getObject("id", UUID.class), rs.getObject("template_id", UUID.class), rs.getString("template_name"),
        rs.getInt("template_version"), rs.getString("status"), json(rs, "parameters"), rs.getString("error"), instant(rs, "created_at"),
        instant(rs, "finished_at"), instant(rs, "canceled_at"), null);
  }

  static JsonNode json(ResultSet rs, String column) throws SQLException {
    String text = rs.getString(column);
    return text == null ? null : Json.tree(text);
  }
}
