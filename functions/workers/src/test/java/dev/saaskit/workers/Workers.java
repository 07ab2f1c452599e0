package dev.saaskit.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.hosting.LocalContainer;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Events;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.QueuePump;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

/**
 * Shorthands for the workers tests: tenants whose http steps may call the tests' {@link LocalServer},
 * templates and jobs through the API, the step runner fed from the tests' SQS, the sweeper, and
 * what the database holds.
 */
public final class Workers {

  public static final String QUEUE = "workers-steps";
  public static final String RUNNER = "run-job-steps";
  public static final String SWEEPER = "workers-sweeper";
  static final String SWEEPER_ARN = "arn:aws:scheduler:us-east-1:000000000000:schedule/default/workers-sweeper";

  private Workers() {}

  /** A new organization with one member per role, allowed to call the tests' server names; the server is up. */
  public static Tenant tenant() {
    LocalServer.get();
    Tenant tenant = Tenant.create();
    allowHosts(tenant, LocalServer.HOST, LocalServer.PRIVATE_HOST, LocalServer.METADATA_HOST, LocalServer.LOOPBACK_HOST);
    return tenant;
  }

  public static void allowHosts(Tenant tenant, String... hosts) {
    ApiResponse r = Api.put("/api/v1/workers/allowed-hosts").bearer(tenant.token(Role.ORG_ADMIN)).json(Map.of("hosts", List.of(hosts))).send();
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  // Definitions -------------------------------------------------------------------------------

  /** A template of these steps, without parameters. */
  public static Map<String, Object> definition(String name, List<Map<String, Object>> steps) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", name);
    d.put("steps", steps);
    return d;
  }

  public static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(base);
    if (value == null) {
      copy.remove(field);
    } else {
      copy.put(field, value);
    }
    return copy;
  }

  /** A step of {@code type} with its settings, after {@code dependsOn}; retries without back-off, 3 attempts. */
  public static Map<String, Object> step(String key, String type, Object settings, String... dependsOn) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("key", key);
    s.put("type", type);
    if (dependsOn.length > 0) {
      s.put("depends_on", Arrays.asList(dependsOn));
    }
    s.put("retry", Map.of("max_attempts", 3, "backoff_seconds", 0));
    s.put(type, settings);
    return s;
  }

  /** A GET of the tests' server. */
  public static Map<String, Object> get(String key, String pathAndQuery, String... dependsOn) {
    return step(key, "http", Map.of("method", "GET", "url", LocalServer.get().url(pathAndQuery)), dependsOn);
  }

  /** A GET the tests' server answers only once {@link LocalServer#release} is called for {@code id}; the longest timeout. */
  public static Map<String, Object> hold(String key, String id, String... dependsOn) {
    return step(key, "http", Map.of("method", "GET", "url", LocalServer.get().url("/hold?id=" + id), "timeout_seconds", 60), dependsOn);
  }

  public static Map<String, Object> httpTo(String key, String url, String... dependsOn) {
    return step(key, "http", Map.of("method", "GET", "url", url), dependsOn);
  }

  public static Map<String, Object> transform(String key, Object output, String... dependsOn) {
    return step(key, "transform", Map.of("output", output), dependsOn);
  }

  public static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  // API ---------------------------------------------------------------------------------------

  public static ApiResponse createTemplate(Tenant tenant, Object definition) {
    return Api.post("/api/v1/workers/templates").bearer(tenant.token(Role.ORG_ADMIN)).json(definition).send();
  }

  public static JsonNode template(Tenant tenant, Object definition) {
    ApiResponse r = createTemplate(tenant, definition);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  public static UUID id(JsonNode resource) {
    return UUID.fromString(resource.path("id").asString());
  }

  public static ApiResponse startJob(Tenant tenant, UUID templateId, Object parameters) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("template_id", templateId);
    if (parameters != null) {
      body.put("parameters", parameters);
    }
    return Api.post("/api/v1/workers/jobs").bearer(tenant.token(Role.USER)).json(body).send();
  }

  /** A job of a new template of these steps, started as a member. */
  public static JsonNode job(Tenant tenant, List<Map<String, Object>> steps) {
    return job(tenant, id(template(tenant, definition("t-" + unique(), steps))), null);
  }

  public static JsonNode job(Tenant tenant, UUID templateId, Object parameters) {
    ApiResponse r = startJob(tenant, templateId, parameters);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  public static JsonNode read(Tenant tenant, UUID jobId) {
    ApiResponse r = Api.get("/api/v1/workers/jobs/" + jobId).bearer(tenant.token(Role.USER)).send();
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  public static JsonNode step(JsonNode job, String key) {
    for (JsonNode s : job.path("steps")) {
      if (s.path("key").asString().equals(key)) {
        return s;
      }
    }
    throw new AssertionError("no step " + key + " in " + job);
  }

  public static Map<String, String> statuses(JsonNode job) {
    Map<String, String> statuses = new LinkedHashMap<>();
    job.path("steps").forEach(s -> statuses.put(s.path("key").asString(), s.path("status").asString()));
    return statuses;
  }

  // The engine --------------------------------------------------------------------------------

  /** Runs the step runner on everything the queue holds until it holds nothing due; returns the messages delivered. */
  public static List<Message> run() {
    return QueuePump.drain(QUEUE, RUNNER);
  }

  /** The bodies of the step messages the queue holds now, taken off it. */
  public static List<JsonNode> takeMessages() {
    List<JsonNode> bodies = new ArrayList<>();
    dev.saaskit.testkit.TestQueues.get().take(QUEUE, 1).forEach(m -> bodies.add(Json.tree(m.body())));
    return bodies;
  }

  /** Hands one step message to the runner as its queue would, with a publisher's id of its own. */
  public static void deliver(Object message) {
    QueuePump.publish(QUEUE, message, UUID.randomUUID().toString());
  }

  public static Map<String, Object> stepMessage(UUID jobId, String step, int attempt, UUID organization) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job_id", jobId);
    m.put("step", step);
    m.put("attempt", attempt);
    m.put("organization_id", organization);
    return m;
  }

  /** The step messages of one job the queue holds now, taken off it (others' go back to the queue). */
  public static List<JsonNode> takeMessages(UUID jobId) {
    List<JsonNode> mine = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      List<JsonNode> batch = takeMessages();
      if (batch.isEmpty()) {
        break;
      }
      for (JsonNode m : batch) {
        if (m.path("job_id").asString().equals(jobId.toString())) {
          mine.add(m);
        } else {
          deliver(m);
        }
      }
    }
    return mine;
  }

  static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:000000000000:" + QUEUE;

  /** Invokes the runner with this one message, as Lambda would with a batch of one. */
  public static JsonNode invoke(JsonNode message) {
    return Json.tree(Lambda.invoke(RUNNER, Events.sqs(QUEUE_ARN, List.of(message.toString()), 1).toString()));
  }

  /** Invokes a new container of the runner with this one message on another thread, as a second Lambda instance would. */
  public static CompletableFuture<String> invokeInBackground(JsonNode message) {
    LocalContainer container = Lambda.coldStart(RUNNER);
    String event = Events.sqs(QUEUE_ARN, List.of(message.toString()), 1).toString();
    // A thread of its own: the common pool may have a single thread on a small machine.
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        result.complete(Lambda.invoke(container, event));
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }, "background-runner");
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  /** Waits (up to a minute) until the job's step has the status; how a test knows a background attempt got there. */
  public static void awaitStep(UUID jobId, String step, String status) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (status.equals(stepRow(jobId, step).get("status"))) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("step " + step + " of job " + jobId + " never became " + status + ": " + stepRow(jobId, step));
  }

  public static Map<String, Object> stepRow(UUID jobId, String step) {
    return rows("select * from worker_job_steps where job_id = ? and step_key = ?", jobId, step).get(0);
  }

  public static JsonNode sweep() {
    return Json.tree(Lambda.invoke(SWEEPER, Events.scheduled(SWEEPER_ARN).toString()));
  }

  // The database ------------------------------------------------------------------------------

  public static List<Map<String, Object>> rows(String sql, Object... args) {
    return TestDatabase.rows(sql, args);
  }

  public static void sql(String sql, Object... args) {
    TestDatabase.execute(sql, args);
  }

  /** The audit actions recorded for a resource, oldest first. */
  public static List<Object> audit(Object resourceId) {
    return rows("select action from audit_logs where resource_id = ? order by created_at, id", resourceId.toString()).stream()
        .map(r -> r.get("action")).toList();
  }
}
