package dev.saaskit.benchmarks.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plain-Java baseline: what a hand-written Lambda handler does for the same request with the
 * same libraries and nothing else. It reads the payload 2.0 event with Jackson, verifies a bearer
 * access token when the request carries one (nimbus, RS256, the same checks as ours), runs the
 * function's query ({@code BASELINE_SQL}, default {@code select 1}) over one pgjdbc connection kept
 * for the container ({@code prepareThreshold=0}), and writes the response event with Jackson.
 *
 * <p>Settings from the environment, as the real functions read them: {@code DATABASE_URL},
 * {@code DATABASE_USER}, {@code DATABASE_PASSWORD}, {@code JWT_JWKS}, {@code JWT_ISSUER},
 * {@code JWT_AUDIENCE}.
 */
public final class PlainHandler implements RequestStreamHandler {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String sql = setting("BASELINE_SQL", "select 1");
  private DefaultJWTProcessor<SecurityContext> tokens;
  private Connection connection;

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = JSON.readTree(input);
    String authorization = event.path("headers").path("authorization").asString(null);
    Map<String, Object> response;
    if (authorization != null && !verified(authorization)) {
      response = reply(401, Map.of("type", "/problems/unauthenticated", "status", 401));
    } else {
      try (Statement statement = connection().createStatement(); ResultSet rows = statement.executeQuery(sql)) {
        rows.next();
        response = reply(200, Map.of("status", "ok", "database", "ok"));
      } catch (SQLException e) {
        connection = null;
        response = reply(503, Map.of("type", "/problems/database_unavailable", "status", 503));
      }
    }
    JSON.writeValue(output, response);
  }

  private boolean verified(String authorization) {
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    try {
      tokens().process(authorization.substring(7).trim(), null);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private DefaultJWTProcessor<SecurityContext> tokens() throws java.text.ParseException {
    if (tokens == null) {
      DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
      processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
      processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
          JWSAlgorithm.RS256, new ImmutableJWKSet<>(JWKSet.parse(setting("JWT_JWKS", null)))));
      DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
          setting("JWT_AUDIENCE", "saaskit-api"),
          new JWTClaimsSet.Builder().issuer(setting("JWT_ISSUER", "saaskit")).build(),
          Set.of("sub", "org", "exp", "iat", "sid"));
      claims.setMaxClockSkew(30);
      processor.setJWTClaimsSetVerifier(claims);
      tokens = processor;
    }
    return tokens;
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Properties properties = new Properties();
      String user = setting("DATABASE_USER", null);
      String password = setting("DATABASE_PASSWORD", null);
      if (user != null) {
        properties.setProperty("user", user);
      }
      if (password != null) {
        properties.setProperty("password", password);
      }
      properties.setProperty("prepareThreshold", "0");
      connection = new org.postgresql.Driver().connect(setting("DATABASE_URL", null), properties);
    }
    return connection;
  }

  private static Map<String, Object> reply(int status, Map<String, Object> body) {
    return Map.of(
        "statusCode", status,
        "headers", Map.of("content-type", status == 200 ? "application/json" : "application/problem+json"),
        "body", JSON.writeValueAsString(body),
        "isBase64Encoded", false);
  }

  private static String setting(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
