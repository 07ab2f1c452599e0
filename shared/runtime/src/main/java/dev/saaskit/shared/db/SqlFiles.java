package dev.saaskit.shared.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Statements too long for a text block, one {@code .sql} file each beside the class that runs
 * them: {@code name} of {@code dev.saaskit.x.Store} is the resource {@code dev/saaskit/x/Store/name.sql}.
 */
public final class SqlFiles {

  private SqlFiles() {}

  public static String load(Class<?> owner, String name) {
    String resource = owner.getName().replace('.', '/') + "/" + name + ".sql";
    try (InputStream in = owner.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no statement file " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
