package dev.saaskit.notifications.templates;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Mustache through jmustache. Text (subjects, plain bodies, SMS, in-app) is rendered as it is; an
 * email's HTML body escapes every value ({@code {{name}}}; {@code {{{name}}}} would not, and is
 * refused). A template may use only the variables it declares and {@link #BUILT_IN}; a value
 * given as null renders empty, a missing one is the sender's mistake, caught before rendering.
 */
public final class Rendering {

  /** Variables every template may use without declaring them: {@code app_url} is the {@code APP_URL} setting. */
  public static final Set<String> BUILT_IN = Set.of("app_url");

  private static final Mustache.Compiler TEXT = Mustache.compiler().escapeHTML(false).nullValue("").emptyStringIsFalse(true);
  private static final Mustache.Compiler HTML = Mustache.compiler().escapeHTML(true).nullValue("").emptyStringIsFalse(true);

  private Rendering() {}

  public static String text(String template, Map<String, ?> variables) {
    return template == null ? null : TEXT.compile(template).execute(variables);
  }

  public static String html(String template, Map<String, ?> variables) {
    return template == null ? null : HTML.compile(template).execute(variables);
  }

  /**
   * What is wrong with a template's text, or null: it does not compile, includes a partial, leaves
   * a value unescaped in HTML, or uses a variable it does not declare.
   */
  public static String problem(String template, Set<String> declared, boolean html) {
    Template compiled;
    try {
      compiled = TEXT.compile(template);
    } catch (MustacheException e) {
      return "is not a valid Mustache template: " + e.getMessage();
    }
    if (html && (template.contains("{{{") || template.contains("{{&"))) {
      return "must not leave values unescaped ({{{name}}} or {{& name}}): write {{name}}";
    }
    Set<String> undeclared = new TreeSet<>();
    boolean[] partial = {false};
    compiled.visit(new Mustache.Visitor() {
      @Override
      public void visitText(String text) {}

      @Override
      public void visitVariable(String name) {
        use(name);
      }

      @Override
      public boolean visitInclude(String name) {
        partial[0] = true;
        return false;
      }

      @Override
      public boolean visitSection(String name) {
        use(name);
        return true;
      }

      @Override
      public boolean visitInvertedSection(String name) {
        use(name);
        return true;
      }

      private void use(String name) {
        if (!name.equals(".") && !name.equals("this") && !declared.contains(name) && !BUILT_IN.contains(name)) {
          undeclared.add(name);
        }
      }
    });
    if (partial[0]) {
      return "must not include partials ({{> name}})";
    }
    if (!undeclared.isEmpty()) {
      return "uses variables it does not declare: " + String.join(", ", undeclared);
    }
    return null;
  }
}
