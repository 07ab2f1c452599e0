package dev.saaskit.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Database credentials from Secrets Manager, against moto's server on a loopback port (skipped
 * where moto is not installed).
 */
class DatabaseCredentialsTest {

  private static final List<String> SETTINGS = List.of(
      "AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_REGION", "aws.accessKeyId", "aws.secretAccessKey",
      "DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD", "DATABASE_SECRET_ARN");

  private static Process moto;
  private static SecretsManagerClient secrets;

  @BeforeAll
  static void startMoto() throws Exception {
    Assumptions.assumeTrue(motoInstalled(), "moto is not installed (pip install 'moto[server]'): skipping the Secrets Manager tests");
    int port = freePort();
    moto = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    awaitPort(port);
    String endpoint = "http://127.0.0.1:" + port;
    System.setProperty("AWS_ENDPOINT_URL_SECRETS_MANAGER", endpoint);
    System.setProperty("AWS_REGION", "us-east-1");
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    secrets = SecretsManagerClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1).build();
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) {
      secrets.close();
      moto.destroy();
    }
    SETTINGS.forEach(System::clearProperty);
  }

  @AfterEach
  void clearDatabaseSettings() {
    List.of("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD", "DATABASE_SECRET_ARN").forEach(System::clearProperty);
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
  void the_secret_is_read_at_the_first_connection_and_kept_for_the_container() throws IOException {
    String arn = secret("{\"username\":\"saaskit\",\"password\":\"s3cret\"}");
    System.setProperty("DATABASE_SECRET_ARN", arn);
    // Nothing listens there: each open() gets as far as connecting only once it has the credentials.
    System.setProperty("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + freePort() + "/saaskit");
    Database database = Database.fromSettings("test");

    assertThatThrownBy(database::open).hasMessageContaining("cannot connect to the database");
    secrets.deleteSecret(r -> r.secretId(arn).forceDeleteWithoutRecovery(true));

    assertThatThrownBy(database::open).hasMessageContaining("cannot connect to the database");
    Database newContainer = Database.fromSettings("test");
    assertThatThrownBy(newContainer::open).hasMessageContaining("cannot read the database credentials");
  }

  private static String secret(String json) {
    return secrets.createSecret(r -> r.name("db-" + System.nanoTime()).secretString(json)).arn();
  }

  private static boolean motoInstalled() throws InterruptedException {
    try {
      return new ProcessBuilder("python3", "-c", "import moto.server").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    for (int attempt = 0; attempt < 300; attempt++) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("moto did not start on port " + port);
  }
}
