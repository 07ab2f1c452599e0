package dev.saaskit.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The token signing keys: an RSA 2048 JWK set with key ids, generated on first start and kept in the
 * data directory, so tokens issued before a restart still verify after it. The functions get the
 * public part ({@code JWT_JWKS}); the auth domain signs with the private file
 * ({@code JWT_SIGNING_KEYS_FILE}).
 */
record SigningKeys(Path file, JWKSet keys, boolean created) {

  static SigningKeys loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        JWKSet keys = JWKSet.parse(Files.readString(file));
        if (keys.getKeys().isEmpty() || !keys.getKeys().stream().allMatch(k -> k instanceof RSAKey r && r.isPrivate() && k.getKeyID() != null)) {
          throw new StartupException(file + " must hold RSA private keys with a 'kid' each: delete it to have a new key generated");
        }
        return new SigningKeys(file, keys, false);
      }
      RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
          .keyID("local-" + LocalDate.now(ZoneOffset.UTC) + "-" + Long.toHexString(System.nanoTime() & 0xffffffL)).generate();
      JWKSet keys = new JWKSet(key);
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temporary, keys.toString(false));
      try {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system; the data directory is the developer's own.
      }
      Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return new SigningKeys(file, keys, true);
    } catch (ParseException e) {
      throw new StartupException(file + " is not a JSON Web Key Set (" + e.getMessage() + "): delete it to have a new key generated");
    } catch (IOException | JOSEException e) {
      throw new StartupException("cannot read or write the signing keys " + file + " (" + LocalPostgres.firstLine(e)
          + "): check the data directory's permissions or set LOCAL_DATA_DIR");
    }
  }

  /** The public keys as JSON, for {@code JWT_JWKS}. */
  String publicJson() {
    return keys.toPublicJWKSet().toString();
  }

  String keyIds() {
    return String.join(", ", keys.getKeys().stream().map(k -> k.getKeyID()).toList());
  }
}
