package dev.saaskit.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saaskit.testkit.MotoSecrets;
import dev.saaskit.testkit.MotoServer;
import java.io.IOException;
import java.util.List;
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

  private static String secret(String json) {
    return moto.create(json);
  }
}
