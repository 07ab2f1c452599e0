package dev.saaskit.platform;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.saaskit.migrations.DatabaseLogins;
import dev.saaskit.migrations.Migrator;
import dev.saaskit.shared.config.Secrets;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.db.DatabaseCredentials;
import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.log.Log;
import dev.saaskit.shared.resilience.Outbound;
import dev.saaskit.shared.runtime.DirectHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code migrate} function: applies pending migrations to {@code MIGRATION_DATABASE_URL} (a
 * direct connection, not the pooling proxy) or else {@code DATABASE_URL}, with the credentials of
 * {@link DatabaseCredentials#fromSettings()} (the deployment's: the owner's secret). Then it keeps
 * the users the modules' functions log in as equal to their secrets ({@code
 * DATABASE_LOGIN_SECRET_ARNS}, each {@code {"username", "password"}}): it creates each user or sets
 * its password, and gives a secret without a password (Terraform makes them so) a new one first.
 * Running it twice is harmless.
 *
 * <p>The SAM stack invokes it on deploy as a CloudFormation custom resource: then the input is the
 * custom resource request, and the outcome is also PUT to its {@code ResponseURL}, where
 * CloudFormation waits for it. Create and Update migrate; Delete has nothing to undo. Terraform and
 * operators invoke it with {@code {}}.
 */
public final class Migrate implements DirectHandler<Migrate.Input, Migrate.Result> {

  /** The physical id of the custom resource: there is one schema per stack. */
  static final String PHYSICAL_RESOURCE_ID = "schema-migrations";

  /** CloudFormation takes at most 4 KB of response; the reason is the part that may run long. */
  private static final int MAX_REASON = 1500;

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The invocation's input: empty, or a CloudFormation custom resource request. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Input(
      @JsonProperty("RequestType") String requestType,
      @JsonProperty("ResponseURL") String responseUrl,
      @JsonProperty("StackId") String stackId,
      @JsonProperty("RequestId") String requestId,
      @JsonProperty("LogicalResourceId") String logicalResourceId,
      @JsonProperty("PhysicalResourceId") String physicalResourceId) {

    boolean isCustomResourceRequest() {
      return responseUrl != null;
    }
  }

  public record Result(int applied, String version) {}

  private final Outbound outbound;

  public Migrate(Outbound outbound) {
    this.outbound = outbound;
  }

  /** The custom resource response, in CloudFormation's member names. */
  record CustomResourceResponse(
      @JsonProperty("Status") String status,
      @JsonProperty("Reason") String reason,
      @JsonProperty("PhysicalResourceId") String physicalResourceId,
      @JsonProperty("StackId") String stackId,
      @JsonProperty("RequestId") String requestId,
      @JsonProperty("LogicalResourceId") String logicalResourceId) {}

  @Override
  public Result invoke(Input input) {
    return input.isCustomResourceRequest() ? answer(input) : migrate();
  }

  private static Result migrate() {
    String url = Settings.find("MIGRATION_DATABASE_URL").orElseGet(() -> Settings.require("DATABASE_URL"));
    DatabaseCredentials credentials = DatabaseCredentials.fromSettings();
    Migrator.Result result = Migrator.migrate(url, credentials.user(), credentials.password());
    List<DatabaseLogins.Login> logins = Settings.find("DATABASE_LOGIN_SECRET_ARNS").stream()
        .flatMap(arns -> Arrays.stream(arns.split(",")))
        .map(String::trim)
        .filter(arn -> !arn.isEmpty())
        .map(Migrate::login)
        .toList();
    if (!logins.isEmpty()) {
      try {
        DatabaseLogins.apply(url, credentials.user(), credentials.password(), logins);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create the modules' database users", e);
      }
    }
    return new Result(result.applied(), result.version());
  }

  /** A module's user and password from its secret; a secret without a password is given one. */
  private static DatabaseLogins.Login login(String arn) {
    ObjectNode secret = (ObjectNode) Json.tree(Secrets.read(arn, "DATABASE_LOGIN_SECRET_ARNS"));
    String password = secret.path("password").asString("");
    if (password.isBlank()) {
      password = DatabaseLogins.newPassword();
      secret.put("password", password);
      Secrets.write(arn, Json.MAPPER.writeValueAsString(secret));
    }
    return new DatabaseLogins.Login(secret.path("username").asString(), password);
  }

  /**
   * Migrates for Create and Update and tells CloudFormation how it went. A failure is answered
   * FAILED and then still fails the invocation, so it shows in the function's errors; the stack
   * turns off retries for this function, so the failed run is not repeated behind
   * CloudFormation's back.
   */
  private Result answer(Input request) {
    if ("Delete".equals(request.requestType())) {
      respond(request, "SUCCESS", "the schema stays when the stack goes");
      return new Result(0, null);
    }
    try {
      Result result = migrate();
      respond(request, "SUCCESS", "applied " + result.applied() + " migration(s); schema version " + result.version());
      return result;
    } catch (RuntimeException e) {
      try {
        respond(request, "FAILED", "migration failed: " + Log.describe(e));
      } catch (RuntimeException notSent) {
        e.addSuppressed(notSent);
      }
      throw e;
    }
  }

  private void respond(Input request, String status, String reason) {
    String physicalId = request.physicalResourceId() != null ? request.physicalResourceId() : PHYSICAL_RESOURCE_ID;
    CustomResourceResponse response = new CustomResourceResponse(
        status, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason,
        physicalId, request.stackId(), request.requestId(), request.logicalResourceId());
    // The URL is presigned for a PUT without a content type: sending one would break the signature.
    HttpRequest put = HttpRequest.newBuilder(URI.create(request.responseUrl()))
        .timeout(Duration.ofSeconds(10))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(response)))
        .build();
    int statusCode = outbound.call("cloudformation", e -> e instanceof UncheckedIOException, () -> send(put));
    if (statusCode / 100 != 2) {
      throw new IllegalStateException("CloudFormation's response URL answered HTTP " + statusCode);
    }
  }

  private static int send(HttpRequest put) {
    try {
      return HTTP.send(put, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while answering CloudFormation", e);
    }
  }
}
