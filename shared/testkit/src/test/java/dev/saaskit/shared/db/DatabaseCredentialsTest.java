package dev.saaskit.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saaskit.testkit.MotoSecrets;
import dev.saaskit.testkit.MotoServer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Database credentials from Secrets Manager, against moto's server on a loopback port (skipped
 * where moto is not installed).
 */
class DatabaseCredentialsTest {

  private static MotoSecrets moto;

  @BeforeAll
  static void startMoto() throws Exception {
    moto = MotoSecrets.start();
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) {
      moto.close();
    }
  }

  @AfterEach
  void clearDatabaseSettings() {
    List.of("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD", "DATABASE_SECRET_ARN", "DATABASE_IAM_AUTH")
        .forEach(System::clearProperty);
  }

  @Test
  void with_iam_authentication_the_password_is_a_signed_token_for_the_user_and_expires_in_15_minutes() throws Exception {
    System.setProperty("DATABASE_IAM_AUTH", "true");
    System.setProperty("DATABASE_USER", "saaskit_keys_login");
    System.setProperty("DATABASE_URL", "jdbc:postgresql://saaskit.proxy-abc.us-east-1.rds.amazonaws.com:5432/saaskit?sslmode=verify-full");
    Map<String, String> aws = Map.of("AWS_REGION", "us-east-1", "aws.accessKeyId", "AKIDEXAMPLE",
        "aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    Map<String, String> before = new TreeMap<>();
    aws.forEach((k, v) -> before.put(k, System.setProperty(k, v)));
    Instant now = Instant.parse("2030-01-02T03:04:05Z");

    DatabaseCredentials credentials;
    try {
      credentials = DatabaseCredentials.fromSettings(Clock.fixed(now, ZoneOffset.UTC));
    } finally {
      before.forEach((k, v) -> {
        if (v == null) {
          System.clearProperty(k);
        } else {
          System.setProperty(k, v);
        }
      });
    }

    assertThat(credentials.user()).isEqualTo("saaskit_keys_login");
    assertThat(credentials.expiresAt()).isEqualTo(now.plusSeconds(900));
    assertThat(credentials.dueForRenewal(now.plusSeconds(599))).isFalse();
    assertThat(credentials.dueForRenewal(now.plusSeconds(600))).isTrue();
    String token = credentials.password();
    assertThat(token).startsWith("saaskit.proxy-abc.us-east-1.rds.amazonaws.com:5432/?");
    Map<String, String> query = query(token.substring(token.indexOf('?') + 1));
    assertThat(query).containsEntry("Action", "connect").containsEntry("DBUser", "saaskit_keys_login")
        .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256").containsEntry("X-Amz-Date", "20300102T030405Z")
        .containsEntry("X-Amz-Expires", "900").containsEntry("X-Amz-SignedHeaders", "host")
        .containsEntry("X-Amz-Credential", "AKIDEXAMPLE/20300102/us-east-1/rds-db/aws4_request");
    assertThat(query.get("X-Amz-Signature")).isEqualTo(signature(query, "saaskit.proxy-abc.us-east-1.rds.amazonaws.com:5432",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20300102", "us-east-1"));
  }

  @Test
  void refused_credentials_are_read_once_more_before_the_connection_fails() throws Exception {
    AtomicInteger logins = new AtomicInteger();
    try (ServerSocket server = new ServerSocket(0)) {
      Thread refuser = Thread.ofVirtual().start(() -> refuseEveryLogin(server, logins));
      AtomicInteger reads = new AtomicInteger();
      Database database = new Database("jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/saaskit",
          () -> new DatabaseCredentials("app", "password-" + reads.incrementAndGet()), "test");

      assertThatThrownBy(database::open).hasMessageContaining("cannot connect to the database")
          .rootCause().hasMessageContaining("password authentication failed");
      assertThat(reads).hasValue(2);
      assertThat(logins).hasValue(2);
      refuser.interrupt();
    }
  }

  @Test
  void reads_user_and_password_from_the_secret() {
    System.setProperty("DATABASE_SECRET_ARN", secret("{\"username\":\"saaskit\",\"password\":\"s3cret\",\"engine\":\"postgres\"}"));

    DatabaseCredentials credentials = DatabaseCredentials.fromSettings();

    assertThat(credentials.user()).isEqualTo("saaskit");
    assertThat(credentials.password()).isEqualTo("s3cret");
    assertThat(credentials.toString()).doesNotContain("s3cret");
  }

  @Test
  void database_user_wins_over_the_secrets_user_name() {
    System.setProperty("DATABASE_SECRET_ARN", secret("{\"username\":\"admin\",\"password\":\"s3cret\"}"));
    System.setProperty("DATABASE_USER", "app");

    assertThat(DatabaseCredentials.fromSettings()).isEqualTo(new DatabaseCredentials("app", "s3cret"));
  }

  @Test
  void a_secret_without_a_password_is_reported() {
    System.setProperty("DATABASE_SECRET_ARN", secret("{\"username\":\"saaskit\"}"));

    assertThatThrownBy(DatabaseCredentials::fromSettings).hasMessageContaining("has no 'password'");
  }

  @Test
  void without_a_secret_the_plain_settings_are_used() {
    System.setProperty("DATABASE_USER", "app");
    System.setProperty("DATABASE_PASSWORD", "pw");

    assertThat(DatabaseCredentials.fromSettings()).isEqualTo(new DatabaseCredentials("app", "pw"));
  }

  @Test
  void the_secret_is_read_at_the_first_connection_and_kept_for_the_container() {
    String arn = secret("{\"username\":\"saaskit\",\"password\":\"s3cret\"}");
    System.setProperty("DATABASE_SECRET_ARN", arn);
    // Nothing listens there: each open() gets as far as connecting only once it has the credentials.
    System.setProperty("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + MotoServer.freePort() + "/saaskit");
    Database database = Database.fromSettings("test");

    assertThatThrownBy(database::open).hasMessageContaining("cannot connect to the database");
    moto.client().deleteSecret(r -> r.secretId(arn).forceDeleteWithoutRecovery(true));

    assertThatThrownBy(database::open).hasMessageContaining("cannot connect to the database");
    Database newContainer = Database.fromSettings("test");
    assertThatThrownBy(newContainer::open).hasMessageContaining("cannot read the database credentials");
  }

  /** A server that answers every login as PostgreSQL does a wrong password (SQLState 28P01). */
  private static void refuseEveryLogin(ServerSocket server, AtomicInteger logins) {
    while (!server.isClosed()) {
      try (Socket client = server.accept()) {
        DataInputStream in = new DataInputStream(client.getInputStream());
        DataOutputStream out = new DataOutputStream(client.getOutputStream());
        byte[] message = new byte[in.readInt() - 4];
        in.readFully(message);
        if (message.length == 4 && message[0] == 0x04 && message[1] == (byte) 0xd2) {
          out.write('N'); // SSLRequest: no TLS here; the startup message follows
          message = new byte[in.readInt() - 4];
          in.readFully(message);
        }
        logins.incrementAndGet();
        byte[] fields = "SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed for user \"app\"\0\0".getBytes(StandardCharsets.UTF_8);
        out.write('E');
        out.writeInt(fields.length + 4);
        out.write(fields);
        out.flush();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static Map<String, String> query(String text) {
    Map<String, String> query = new TreeMap<>();
    for (String pair : text.split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return query;
  }

  /** SigV4 of a presigned GET / computed from the specification, independently of the SDK's signer. */
  private static String signature(Map<String, String> query, String host, String secretKey, String day, String region) throws Exception {
    StringBuilder canonicalQuery = new StringBuilder();
    new TreeMap<>(query).forEach((k, v) -> {
      if (!k.equals("X-Amz-Signature")) {
        canonicalQuery.append(canonicalQuery.isEmpty() ? "" : "&").append(encode(k)).append('=').append(encode(v));
      }
    });
    String emptyPayload = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[0]));
    String canonicalRequest = "GET\n/\n" + canonicalQuery + "\nhost:" + host + "\n\nhost\n" + emptyPayload;
    String scope = day + "/" + region + "/rds-db/aws4_request";
    String toSign = "AWS4-HMAC-SHA256\n" + query.get("X-Amz-Date") + "\n" + scope + "\n"
        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
    key = hmac(key, region);
    key = hmac(key, "rds-db");
    key = hmac(key, "aws4_request");
    return HexFormat.of().formatHex(hmac(key, toSign));
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }

  private static byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  private static String secret(String json) {
    return moto.create(json);
  }
}
