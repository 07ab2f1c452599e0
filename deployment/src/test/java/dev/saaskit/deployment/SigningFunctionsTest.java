package dev.saaskit.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The catalog's {@code signs_tokens} says which functions get the private signing keys; it must say
 * it of exactly the functions whose code can sign. Identity hands its signing keys to a handler
 * through its constructor (the handler takes {@code Sessions}, which signs, or the {@code
 * SigningKeys} themselves), so a handler that signs shows it in its constructor's parameters.
 */
class SigningFunctionsTest {

  private static final Pattern SIGNING_PARAMETER = Pattern.compile("\\b(Sessions|Supplier<SigningKeys>|SigningKeys)\\s+\\w+\\s*[,)]");

  @Test
  void exactly_the_handlers_that_are_given_the_signing_keys_say_signs_tokens() {
    Catalog catalog = Repository.catalog();
    Set<String> signing = new TreeSet<>();
    Set<String> flagged = new TreeSet<>();
    for (FunctionSpec f : catalog.functions()) {
      String simpleName = f.handler().substring(f.handler().lastIndexOf('.') + 1);
      String file = "src/main/java/" + f.handler().replace('.', '/') + ".java";
      Path source = Repository.ROOT.resolve(catalog.modules().get(f.module()).directory()).resolve(file);
      if (!Files.exists(source)) {
        // A handler of the runtime's, such as the outbox relay.
        source = Repository.ROOT.resolve("shared/runtime").resolve(file);
      }
      String code = new String(Repository.read(source), StandardCharsets.UTF_8);
      Pattern constructor = Pattern.compile("public " + simpleName + "\\(([^)]*)\\)");
      var m = constructor.matcher(code);
      while (m.find()) {
        if (SIGNING_PARAMETER.matcher(m.group(1) + ")").find()) {
          signing.add(f.name());
        }
      }
      if (f.signsTokens()) {
        flagged.add(f.name());
      }
    }

    assertThat(flagged).isEqualTo(signing)
        .containsExactlyInAnyOrder("register", "login", "refresh", "switch-organization", "jwks", "accept-invitation");
  }
}
