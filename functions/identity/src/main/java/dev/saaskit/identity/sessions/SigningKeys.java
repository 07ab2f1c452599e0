package dev.saaskit.identity.sessions;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.saaskit.shared.config.Secrets;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.identity.AccessTokens;
import dev.saaskit.shared.runtime.Lazy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The private keys access tokens are signed with: RSA, at least 2048 bits, each with a {@code kid}.
 * One of them signs (the one {@code JWT_SIGNING_KID} names, else the first); the public parts of all
 * of them verify, which is what makes rotation possible (ARCHITECTURE.md, Identity).
 *
 * <p>Read from {@code JWT_SIGNING_KEYS} (a private JWK set as JSON), {@code JWT_SIGNING_KEYS_FILE}
 * (a file holding one; the local emulator generates {@code .local/jwks.json}) or {@code
 * JWT_SIGNING_KEYS_SECRET_ARN} (a Secrets Manager secret holding one, read once per container).
 */
public final class SigningKeys {

  private static final int MIN_BITS = 2048;

  private final RSAKey signingKey;
  private final JWKSet publicKeys;
  private final Lazy<RSASSASigner> signer;

  public SigningKeys(JWKSet privateKeys, String signingKid) {
    List<JWK> keys = privateKeys.getKeys();
    if (keys.isEmpty()) {
      throw new IllegalStateException("the signing key set has no keys");
    }
    Set<String> kids = new HashSet<>();
    for (JWK key : keys) {
      if (!(key instanceof RSAKey rsa) || !rsa.isPrivate()) {
        throw new IllegalStateException("signing key '" + key.getKeyID() + "' must be a private RSA key");
      }
      if (key.getKeyID() == null || !kids.add(key.getKeyID())) {
        throw new IllegalStateException("every signing key needs a key id of its own (kid)");
      }
      if (rsa.size() < MIN_BITS) {
        throw new IllegalStateException("signing key '" + key.getKeyID() + "' has " + rsa.size() + " bits; at least " + MIN_BITS + " are needed");
      }
    }
    JWK chosen = signingKid == null ? keys.get(0) : privateKeys.getKeyByKeyId(signingKid);
    if (chosen == null) {
      throw new IllegalStateException("JWT_SIGNING_KID '" + signingKid + "' names no key of the signing key set " + kids);
    }
    this.signingKey = (RSAKey) chosen;
    this.publicKeys = privateKeys.toPublicJWKSet();
    this.signer = new Lazy<>(() -> {
      try {
        return new RSASSASigner(signingKey);
      } catch (JOSEException e) {
        throw new IllegalStateException("signing key '" + signingKey.getKeyID() + "' cannot sign", e);
      }
    });
  }

  /** True when any of the settings that carry signing keys is set. */
  public static boolean configured() {
    return Settings.find("JWT_SIGNING_KEYS").or(() -> Settings.find("JWT_SIGNING_KEYS_FILE"))
        .or(() -> Settings.find("JWT_SIGNING_KEYS_SECRET_ARN")).isPresent();
  }

  public static SigningKeys fromSettings() {
    String json = Settings.find("JWT_SIGNING_KEYS")
        .or(() -> Settings.find("JWT_SIGNING_KEYS_FILE").map(SigningKeys::readFile))
        .or(() -> Settings.find("JWT_SIGNING_KEYS_SECRET_ARN").map(arn -> Secrets.read(arn, "JWT_SIGNING_KEYS_SECRET_ARN")))
        .orElseThrow(() -> new IllegalStateException(
            "set JWT_SIGNING_KEYS, JWT_SIGNING_KEYS_FILE or JWT_SIGNING_KEYS_SECRET_ARN to the private signing keys"));
    try {
      return new SigningKeys(JWKSet.parse(json), Settings.find("JWT_SIGNING_KID").orElse(null));
    } catch (ParseException e) {
      // The message of a parse failure may quote the key material: never pass it on.
      throw new IllegalStateException("the signing keys are not a JSON Web Key Set");
    }
  }

  public String signingKeyId() {
    return signingKey.getKeyID();
  }

  /** The public parts of every key: what verifies our tokens and what the JWKS endpoint publishes. */
  public JWKSet publicKeys() {
    return publicKeys;
  }

  /** Signs claims as an access token: RS256, {@code typ: at+jwt}, the signing key's {@code kid}. */
  public String sign(JWTClaimsSet claims) {
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).type(AccessTokens.TYPE).build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signer.get());
    } catch (JOSEException e) {
      throw new IllegalStateException("signing an access token failed", e);
    }
    return jwt.serialize();
  }

  private static String readFile(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read JWT_SIGNING_KEYS_FILE " + file, e);
    }
  }

  /** The signing key's id, for logs; never key material. */
  @Override
  public String toString() {
    return "SigningKeys[signing=" + signingKey.getKeyID() + ", keys=" + publicKeys.getKeys().size() + "]";
  }
}
