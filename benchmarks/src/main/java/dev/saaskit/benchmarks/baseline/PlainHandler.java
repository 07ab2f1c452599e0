package dev.saaskit.benchmarks.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.crypto.bcrypt.BCrypt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plain-Java baseline: what a hand-written Lambda handler does for the same request with the
 * same libraries and nothing else. It reads the payload 2.0 event with Jackson, verifies a bearer
 * access token when the request carries one (nimbus, RS256, the same checks as ours), does the
 * request's work ({@code BASELINE_WORK}, a {@link Work}) over one pgjdbc connection kept for the
 * container ({@code prepareThreshold=0}), and writes the response event with Jackson.
 *
 * <p>Each work runs the statements our function runs for the request, in the same transaction
 * shape (autocommit for a read, one transaction for a change), and the same cryptography (bcrypt
 * at the stored hash's cost, RS256 signing, SHA-256 of keys and tokens). The SQL is written out
 * here; the suite's round-trip count shows both sides' statements per request.
 *
 * <p>Settings from the environment, as the real functions read them: {@code DATABASE_URL},
 * {@code DATABASE_USER}, {@code DATABASE_PASSWORD}, {@code JWT_JWKS}, {@code JWT_SIGNING_KEYS},
 * {@code JWT_ISSUER}, {@code JWT_AUDIENCE}; and {@code BASELINE_SQL} for {@link Work#QUERY}.
 */
public final class PlainHandler implements RequestStreamHandler {

  /** What the handler does for a request. */
  public enum Work {
    /** Runs {@code BASELINE_SQL} (default {@code select 1}); checks a bearer token when one is sent. */
    QUERY,
    /** {@code GET /api/v1/me}: the token's account, its pending email change and its memberships: three reads. */
    ME,
    /** {@code POST /api/v1/login}: lockout check, the account, bcrypt, memberships, a new session and token pair, audit. */
    LOGIN,
    /** {@code POST /api/v1/refresh}: the presented token locked with its session, rotated, a new pair signed. */
    REFRESH,
    /** {@code POST /api/v1/keys/verify}: SHA-256 of the key and the one statement that checks and counts it. */
    VERIFY_KEY,
    /** {@code GET /api/v1/keys} with an API key: the key checked as for verify, then the organization's keys. */
    LIST_KEYS
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long ACCESS_TOKEN_SECONDS = 900;

  private final Work work = Work.valueOf(setting("BASELINE_WORK", Work.QUERY.name()));
  private final String sql = setting("BASELINE_SQL", "select 1");
  private DefaultJWTProcessor<SecurityContext> tokens;
  private RSASSASigner signer;
  private String signingKid;
  private Connection connection;

  /** A refused request: its status and problem code. */
  private static final class Refused extends Exception {
    final int status;

    Refused(int status, String code) {
      super(code, null, false, false);
      this.status = status;
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = JSON.readTree(input);
    Map<String, Object> response;
    try {
      response = reply(200, switch (work) {
        case QUERY -> query(event);
        case ME -> me(event);
        case LOGIN -> login(event);
        case REFRESH -> refresh(event);
        case VERIFY_KEY -> verifyKey(event);
        case LIST_KEYS -> listKeys(event);
      });
    } catch (Refused e) {
      response = reply(e.status, Map.of("type", "/problems/" + e.getMessage(), "status", e.status));
    } catch (SQLException e) {
      connection = null;
      response = reply(503, Map.of("type", "/problems/database_unavailable", "status", 503));
    }
    JSON.writeValue(output, response);
  }

  private Map<String, Object> query(JsonNode event) throws Refused, SQLException {
    if (bearer(event) != null) {
      claims(event);
    }
    try (Statement statement = connection().createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
    }
    return Map.of("status", "ok", "database", "ok");
  }

  private Map<String, Object> me(JsonNode event) throws Refused, SQLException {
    JWTClaimsSet claims = claims(event);
    UUID user = UUID.fromString(claims.getSubject());
    Connection db = connection();
    Map<String, Object> profile = new LinkedHashMap<>();
    account(db, "id", user, profile);
    try (PreparedStatement s = db.prepareStatement(
        """
        select email from user_tokens
         where user_id = ? and purpose = 'verify_email' and used_at is null
           and expires_at > cast(? as timestamptz) and email <> ?
         order by created_at desc limit 1
        """)) {
      s.setObject(1, user);
      s.setTimestamp(2, Timestamp.from(Instant.now()));
      s.setString(3, (String) profile.get("email"));
      try (ResultSet r = s.executeQuery()) {
        profile.put("pending_email", r.next() ? r.getString(1) : null);
      }
    }
    profile.put("organization_id", claims.getClaim("org"));
    profile.put("role", claims.getClaim("org_role"));
    profile.put("organizations", memberships(db, user, null));
    return profile;
  }

  /**
   * The live user whose {@code column} is {@code value}, put into {@code into} as ours answers it;
   * returns the password hash. 401 when there is none.
   */
  private static String account(Connection db, String column, Object value, Map<String, Object> into) throws Refused, SQLException {
    try (PreparedStatement s = db.prepareStatement(
        "select id, email, email_verified_at, password_hash, full_name, locale, timezone, platform_roles, active, created_at"
            + " from users where " + column + " = ? and deleted_at is null")) {
      s.setObject(1, value);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new Refused(401, "unauthenticated");
        }
        into.put("id", r.getObject("id", UUID.class).toString());
        into.put("email", r.getString("email"));
        into.put("email_verified", r.getTimestamp("email_verified_at") != null);
        into.put("full_name", r.getString("full_name"));
        into.put("locale", r.getString("locale"));
        into.put("timezone", r.getString("timezone"));
        into.put("platform_roles", List.of((String[]) r.getArray("platform_roles").getArray()));
        into.put("created_at", r.getTimestamp("created_at").toInstant().toString());
        return r.getString("password_hash");
      }
    }
  }

  private Map<String, Object> login(JsonNode event) throws Refused, SQLException {
    JsonNode body = body(event);
    String email = Normalizer.normalize(body.path("email").asString(""), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    String password = body.path("password").asString("");
    String ip = event.path("requestContext").path("http").path("sourceIp").asString(null);
    Connection db = connection();
    db.setAutoCommit(false);
    try {
      Instant now = Instant.now();
      try (PreparedStatement s = db.prepareStatement(
          "select locked_until from login_throttles where subject in (?, ?) and locked_until > cast(? as timestamptz)"
              + " order by locked_until desc limit 1")) {
        s.setString(1, "email:" + email);
        s.setString(2, "ip:" + ip);
        s.setTimestamp(3, Timestamp.from(now));
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) {
            throw new Refused(429, "rate_limited");
          }
        }
      }
      Map<String, Object> account = new LinkedHashMap<>();
      String hash = account(db, "email", email, account);
      // As ours: bcrypt of the base64 SHA-256 of the password, so every allowed byte of it counts.
      if (hash == null || !BCrypt.checkpw(Base64.getEncoder().encodeToString(sha256(password)), hash)) {
        throw new Refused(401, "unauthenticated");
      }
      UUID user = UUID.fromString((String) account.get("id"));
      List<Map<String, Object>> organizations = memberships(db, user, null);
      if (organizations.isEmpty()) {
        throw new Refused(403, "forbidden");
      }
      Map<String, Object> organization = organizations.get(0);
      UUID org = UUID.fromString((String) organization.get("id"));
      try (PreparedStatement s = db.prepareStatement("delete from login_throttles where subject = ?")) {
        s.setString(1, "email:" + email);
        s.executeUpdate();
      }
      try (PreparedStatement s = db.prepareStatement(
          """
          insert into audit_logs (id, organization_id, actor_user_id, actor_api_key_id, action, resource_type,
                                  resource_id, request_id, ip, user_agent, details)
          values (?, ?, ?, null, 'user.login', 'user', ?, ?, ?, ?, cast('{}' as jsonb))
          """)) {
        s.setObject(1, UUID.randomUUID());
        s.setObject(2, org);
        s.setObject(3, user);
        s.setString(4, user.toString());
        s.setString(5, event.path("requestContext").path("requestId").asString(null));
        s.setString(6, ip);
        s.setString(7, event.path("headers").path("user-agent").asString(null));
        s.executeUpdate();
      }
      UUID session = UUID.randomUUID();
      try (PreparedStatement s = db.prepareStatement(
          "insert into sessions (id, user_id, organization_id, ip, user_agent, created_at, last_used_at, expires_at)"
              + " values (?, ?, ?, ?, ?, ?, ?, ?)")) {
        s.setObject(1, session);
        s.setObject(2, user);
        s.setObject(3, org);
        s.setString(4, ip);
        s.setString(5, event.path("headers").path("user-agent").asString(null));
        s.setTimestamp(6, Timestamp.from(now));
        s.setTimestamp(7, Timestamp.from(now));
        s.setTimestamp(8, Timestamp.from(now.plus(30, ChronoUnit.DAYS)));
        s.executeUpdate();
      }
      Map<String, Object> pair = newTokenPair(db, session, user, org, (String) organization.get("role"), now);
      db.commit();
      pair.put("user", account);
      pair.put("organization", organization);
      return pair;
    } finally {
      rollbackQuietly(db);
    }
  }

  private Map<String, Object> refresh(JsonNode event) throws Refused, SQLException {
    String token = body(event).path("refresh_token").asString("");
    if (token.length() != 43) {
      throw new Refused(401, "unauthenticated");
    }
    Connection db = connection();
    db.setAutoCommit(false);
    try {
      Instant now = Instant.now();
      UUID session;
      UUID user;
      UUID org;
      try (PreparedStatement s = db.prepareStatement(
          """
          select t.session_id, t.expires_at, t.used_at, s.user_id, s.organization_id, s.revoked_at, s.expires_at as session_expires_at
            from refresh_tokens t join sessions s on s.id = t.session_id
           where t.token_hash = ? for update of t, s
          """)) {
        s.setBytes(1, sha256(token));
        try (ResultSet r = s.executeQuery()) {
          if (!r.next() || r.getTimestamp("used_at") != null || r.getTimestamp("revoked_at") != null
              || !r.getTimestamp("expires_at").toInstant().isAfter(now)) {
            throw new Refused(401, "unauthenticated");
          }
          session = r.getObject("session_id", UUID.class);
          user = r.getObject("user_id", UUID.class);
          org = r.getObject("organization_id", UUID.class);
        }
      }
      try (PreparedStatement s = db.prepareStatement(
          "select id, email, email_verified_at, password_hash, full_name, locale, timezone, platform_roles, active, created_at"
              + " from users where id = ? and deleted_at is null")) {
        s.setObject(1, user);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next() || !r.getBoolean("active")) {
            throw new Refused(401, "unauthenticated");
          }
        }
      }
      List<Map<String, Object>> membership = memberships(db, user, org);
      if (membership.isEmpty()) {
        throw new Refused(401, "unauthenticated");
      }
      try (PreparedStatement s = db.prepareStatement("update refresh_tokens set used_at = ? where token_hash = ? and used_at is null")) {
        s.setTimestamp(1, Timestamp.from(now));
        s.setBytes(2, sha256(token));
        s.executeUpdate();
      }
      Map<String, Object> pair = newTokenPair(db, session, user, org, (String) membership.get(0).get("role"), now);
      db.commit();
      return pair;
    } finally {
      rollbackQuietly(db);
    }
  }

  private Map<String, Object> verifyKey(JsonNode event) throws Refused, SQLException {
    String key = body(event).path("key").asString("");
    Map<String, Object> check = checkKey(key, event.path("routeKey").asString());
    if (check == null) {
      return Map.of("valid", false, "code", "NOT_FOUND");
    }
    return check;
  }

  private Map<String, Object> listKeys(JsonNode event) throws Refused, SQLException {
    String key = bearer(event);
    Map<String, Object> check = key == null ? null : checkKey(key, event.path("routeKey").asString());
    if (check == null || !Boolean.TRUE.equals(check.get("valid"))) {
      throw new Refused(401, "unauthenticated");
    }
    if (!((List<?>) check.get("scopes")).contains("keys:read")) {
      throw new Refused(403, "insufficient_scope");
    }
    List<Map<String, Object>> keys = new ArrayList<>();
    try (PreparedStatement s = connection().prepareStatement(
        """
        select id, name, prefix, environment, enabled, scopes, rate_limit_requests, rate_limit_seconds, workspace_id,
               expires_at, (select w.last_used_at from api_key_rate_windows w where w.key_id = api_keys.id) as last_used_at,
               created_by_user_id, created_at, updated_at, revoked_at,
               case when revoked_at is not null then 'revoked'
                    when not enabled then 'disabled'
                    when expires_at <= now() then 'expired'
                    else 'active' end as status
          from api_keys
         where organization_id = ? and (cast(? as uuid) is null or id > cast(? as uuid))
         order by id
         limit ?
        """)) {
      s.setObject(1, check.get("organization_id"));
      s.setObject(2, null);
      s.setObject(3, null);
      s.setInt(4, 21);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Map<String, Object> k = new LinkedHashMap<>();
          k.put("id", r.getObject("id", UUID.class).toString());
          k.put("name", r.getString("name"));
          k.put("prefix", r.getString("prefix"));
          k.put("environment", r.getString("environment"));
          k.put("status", r.getString("status"));
          k.put("enabled", r.getBoolean("enabled"));
          k.put("scopes", List.of((String[]) r.getArray("scopes").getArray()));
          k.put("rate_limit", Map.of("requests", r.getInt("rate_limit_requests"), "per_seconds", r.getInt("rate_limit_seconds")));
          Timestamp lastUsed = r.getTimestamp("last_used_at");
          k.put("last_used_at", lastUsed == null ? null : lastUsed.toInstant().toString());
          k.put("created_by_user_id", r.getObject("created_by_user_id"));
          k.put("created_at", r.getTimestamp("created_at").toInstant().toString());
          keys.add(k);
        }
      }
    }
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("data", keys);
    page.put("next_cursor", null);
    return page;
  }

  /**
   * The API-key check as our authenticator makes it, in one statement (a copy of the shared runtime's
   * {@code ApiKeys}): null when no key has this secret; the code, ids, scopes and rate limit otherwise.
   */
  private Map<String, Object> checkKey(String key, String route) throws SQLException {
    if (key.length() != 46 || !key.startsWith("vk_")) {
      return null;
    }
    try (PreparedStatement s = connection().prepareStatement(CHECK_KEY)) {
      s.setBytes(1, sha256(key));
      s.setString(2, route);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return null;
        }
        String code = r.getString("code");
        int requests = r.getInt("requests");
        boolean counted = !r.wasNull();
        int limit = r.getInt("rate_limit_requests");
        if (counted && requests > limit) {
          code = "RATE_LIMITED";
        }
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("valid", "VALID".equals(code));
        check.put("code", code);
        check.put("organization_id", r.getObject("organization_id", UUID.class));
        check.put("key_id", r.getObject("id", UUID.class));
        check.put("scopes", List.of((String[]) r.getArray("scopes").getArray()));
        if (counted) {
          check.put("ratelimit", Map.of("limit", limit, "remaining", Math.max(0, limit - requests),
              "reset", r.getTimestamp("window_end").toInstant().toString()));
        }
        return check;
      }
    }
  }

  private static final String CHECK_KEY =
      """
      with found as (
          select k.id, k.organization_id, k.scopes, k.rate_limit_requests, k.rate_limit_seconds,
                 case
                     when o.deleted_at is not null then 'NOT_FOUND'
                     when not k.enabled then 'DISABLED'
                     when k.expires_at <= now() or s.expires_at <= now() then 'EXPIRED'
                     else 'VALID'
                 end as code
            from api_key_secrets s
            join api_keys k on k.id = s.key_id
            join organizations o on o.id = k.organization_id
           where s.secret_hash = ?
      ),
      counted as (
          insert into api_key_rate_windows as w (key_id, window_end, requests, last_used_at)
          select id, now() + make_interval(secs => rate_limit_seconds), 1, now() from found where code = 'VALID'
          on conflict (key_id) do update
             set window_end   = case when w.window_end > now() then w.window_end else excluded.window_end end,
                 requests     = case when w.window_end > now() then w.requests + 1 else 1 end,
                 last_used_at = excluded.last_used_at
          returning key_id, window_end, requests
      ),
      usage as (
          insert into api_key_usage as u (key_id, day, route, organization_id, status_2xx, status_4xx)
          select f.id, cast(timezone('UTC', now()) as date), ?, f.organization_id,
                 case when c.requests <= f.rate_limit_requests then 1 else 0 end,
                 case when c.requests <= f.rate_limit_requests then 0 else 1 end
            from found f join counted c on c.key_id = f.id
          on conflict (key_id, day, route) do update
             set status_2xx = u.status_2xx + excluded.status_2xx,
                 status_4xx = u.status_4xx + excluded.status_4xx
      )
      select f.id, f.organization_id, f.scopes, f.code, f.rate_limit_requests, c.requests, c.window_end,
             greatest(1, ceil(extract(epoch from c.window_end - now()))) as reset_seconds,
             cast(timezone('UTC', now()) as date) as day
        from found f left join counted c on c.key_id = f.id
      """;

  /** Active memberships in live organizations, oldest first; only {@code organization}'s when given. */
  private static List<Map<String, Object>> memberships(Connection db, UUID user, UUID organization) throws SQLException {
    String sql = """
        select o.id, o.name, o.slug, o.plan, m.role, m.active
          from organization_members m
          join organizations o on o.id = m.organization_id and o.deleted_at is null
        """ + (organization == null
            ? " where m.user_id = ? and m.active order by m.created_at, o.id"
            : " where m.user_id = ? and m.organization_id = ?");
    List<Map<String, Object>> out = new ArrayList<>();
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.setObject(1, user);
      if (organization != null) {
        s.setObject(2, organization);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (!r.getBoolean("active")) {
            continue;
          }
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("id", r.getObject("id", UUID.class).toString());
          m.put("name", r.getString("name"));
          m.put("slug", r.getString("slug"));
          m.put("plan", r.getString("plan"));
          m.put("role", r.getString("role"));
          out.add(m);
        }
      }
    }
    return out;
  }

  /** Adds a refresh token to the session, extends it and signs an access token: the last step of a login and a refresh. */
  private Map<String, Object> newTokenPair(Connection db, UUID session, UUID user, UUID org, String role, Instant now)
      throws SQLException {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String refreshToken = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant expires = now.plus(30, ChronoUnit.DAYS);
    try (PreparedStatement s = db.prepareStatement(
        "insert into refresh_tokens (token_hash, session_id, created_at, expires_at) values (?, ?, ?, ?)")) {
      s.setBytes(1, sha256(refreshToken));
      s.setObject(2, session);
      s.setTimestamp(3, Timestamp.from(now));
      s.setTimestamp(4, Timestamp.from(expires));
      s.executeUpdate();
    }
    try (PreparedStatement s = db.prepareStatement("update sessions set last_used_at = ?, expires_at = ? where id = ?")) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setTimestamp(2, Timestamp.from(expires));
      s.setObject(3, session);
      s.executeUpdate();
    }
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .subject(user.toString())
        .issuer(setting("JWT_ISSUER", "saaskit"))
        .audience(setting("JWT_AUDIENCE", "saaskit-api"))
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(ACCESS_TOKEN_SECONDS)))
        .jwtID(UUID.randomUUID().toString())
        .claim("org", org.toString())
        .claim("org_role", role)
        .claim("roles", List.of())
        .claim("sid", session.toString())
        .build();
    Map<String, Object> pair = new LinkedHashMap<>();
    pair.put("access_token", sign(claims));
    pair.put("refresh_token", refreshToken);
    pair.put("token_type", "Bearer");
    pair.put("expires_in", ACCESS_TOKEN_SECONDS);
    return pair;
  }

  private String sign(JWTClaimsSet claims) {
    try {
      if (signer == null) {
        RSAKey key = (RSAKey) JWKSet.parse(setting("JWT_SIGNING_KEYS", null)).getKeys().get(0);
        signer = new RSASSASigner(key);
        signingKid = key.getKeyID();
      }
      SignedJWT jwt = new SignedJWT(
          new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKid).type(new JOSEObjectType("at+jwt")).build(), claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (java.text.ParseException | JOSEException e) {
      throw new IllegalStateException("JWT_SIGNING_KEYS cannot sign", e);
    }
  }

  private JWTClaimsSet claims(JsonNode event) throws Refused {
    String token = bearer(event);
    if (token == null) {
      throw new Refused(401, "unauthenticated");
    }
    try {
      return tokens().process(token, null);
    } catch (Exception e) {
      throw new Refused(401, "unauthenticated");
    }
  }

  private static String bearer(JsonNode event) {
    String authorization = event.path("headers").path("authorization").asString(null);
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).trim();
  }

  private static JsonNode body(JsonNode event) throws Refused {
    String body = event.path("body").asString(null);
    if (body == null) {
      throw new Refused(400, "invalid_request");
    }
    try {
      return JSON.readTree(body);
    } catch (RuntimeException e) {
      throw new Refused(400, "invalid_request");
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

  /** Ends a transaction that did not commit and goes back to autocommit. */
  private void rollbackQuietly(Connection db) {
    try {
      if (!db.getAutoCommit()) {
        db.rollback();
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      connection = null;
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> reply(int status, Map<String, Object> body) {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("statusCode", status);
    response.put("headers", Map.of("content-type", status == 200 ? "application/json" : "application/problem+json"));
    response.put("body", JSON.writeValueAsString(body));
    response.put("isBase64Encoded", false);
    return response;
  }

  private static String setting(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
