package dev.saaskit.identity.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.MotoSecrets;
import dev.saaskit.testkit.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signing keys from Secrets Manager ({@code JWT_SIGNING_KEYS_SECRET_ARN}), against moto. */
class SigningKeysSecretTest {

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

  @Test
  void reads_the_private_key_set_from_the_secret() {
    String arn = moto.create(new JWKSet(List.of(TestTokens.generate("2026-06"), TestTokens.generate("2026-07"))).toString(false));
    SigningKeys keys = Lambda.withSettings(
        Map.of("JWT_SIGNING_KEYS", "", "JWT_SIGNING_KEYS_FILE", "", "JWT_SIGNING_KEYS_SECRET_ARN", arn, "JWT_SIGNING_KID", "2026-07"),
        () -> {
          assertThat(SigningKeys.configured()).isTrue();
          return SigningKeys.fromSettings();
        });
    assertThat(keys.signingKeyId()).isEqualTo("2026-07");
    assertThat(keys.publicKeys().getKeys()).hasSize(2);
    assertThat(keys.toString()).doesNotContain("\"d\"");
  }
}
