package dev.saaskit.deployment;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.CatalogException;
import dev.saaskit.shared.catalog.CatalogLoader;
import dev.saaskit.shared.catalog.ModuleSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Generates the SAM deployment from the route catalog: {@code template.yaml} at the repository root,
 * the shared stack ({@link SharedStack}: the API, queues, bucket, database proxy), and one nested
 * stack per domain module under {@code stacks/} ({@link DomainStack}: its functions, their triggers,
 * roles and alarms). {@code SamTemplateTest} fails when a checked-in file differs from what this
 * writes.
 *
 * <p>A stack holds at most 500 resources and a role's inline policies 10,240 characters; one stack
 * per module keeps both per module, so the platform grows by adding modules
 * ({@code ResourceBudgetTest} checks a catalog of 300 functions).
 */
public final class SamTemplate {

  static final String CATALOG = "functions/catalog.yaml";
  static final String TEMPLATE = "template.yaml";
  static final String STACKS = "stacks";
  static final String REGENERATE = "./mvnw -q -pl deployment -am process-classes -Pwrite-template";

  static final String HANDLER = "dev.saaskit.shared.runtime.LambdaHandler::handleRequest";
  /** C1 only and the serial collector: a function's JVM lives short and starts often. */
  static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-FlightRecorder";
  /**
   * TLS to RDS Proxy with the server's certificate and host name checked. The proxy's certificates
   * come from AWS Certificate Manager, under Amazon's root CAs, which the JDK's trust store holds: no
   * RDS CA bundle is needed (a direct connection to the database would need one).
   */
  static final String DATABASE_TLS = "sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory";

  private static final String HEADER = """
      # Generated from functions/catalog.yaml by dev.saaskit.deployment.SamTemplate. Do not edit:
      # change the catalog and run  %s
      """.formatted(REGENERATE);

  private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder().stringQuotingChecker(new QuoteDates()).build())
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .disable(YAMLWriteFeature.SPLIT_LINES)
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build();

  /** Quotes date-like strings too ("2012-10-17"), which a YAML 1.1 reader would take for dates. */
  private static final class QuoteDates extends StringQuotingChecker.Default {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || DATE.matcher(value).matches();
    }
  }

  private SamTemplate() {}

  /** Writes the deployment under the repository root given as the argument (default: here). */
  public static void main(String[] args) {
    System.exit(write(Path.of(args.length > 0 ? args[0] : "."), System.err));
  }

  /**
   * Reads the catalog under {@code root} and writes {@code root/template.yaml} and {@code
   * root/stacks/<module>.yaml}, removing stacks of modules that are gone; returns the exit status.
   */
  static int write(Path root, PrintStream err) {
    try {
      byte[] catalog = Files.readAllBytes(root.resolve(CATALOG));
      Map<String, String> files = render(CatalogLoader.parse(catalog, CATALOG));
      Path stacks = root.resolve(STACKS);
      if (Files.isDirectory(stacks)) {
        try (Stream<Path> old = Files.list(stacks)) {
          for (Path file : old.toList()) {
            if (!files.containsKey(STACKS + "/" + file.getFileName())) {
              Files.delete(file);
            }
          }
        }
      }
      Files.createDirectories(stacks);
      for (Map.Entry<String, String> file : files.entrySet()) {
        Files.writeString(root.resolve(file.getKey()), file.getValue());
      }
      return 0;
    } catch (CatalogException e) {
      err.println(TEMPLATE + " not written: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println(TEMPLATE + " not written: " + e);
      return 1;
    }
  }

  /**
   * The deployment's files for a catalog, by path from the repository root: {@code template.yaml}
   * first, then each module's stack; throws {@link CatalogException} naming the entry it cannot
   * deploy.
   */
  static Map<String, String> render(Catalog catalog) {
    Stacks.check(catalog);
    Map<String, String> files = new LinkedHashMap<>();
    files.put(TEMPLATE, yaml(SharedStack.document(catalog)));
    for (ModuleSpec module : catalog.modules().values()) {
      files.put(Stacks.stackFile(module.name()), yaml(DomainStack.document(catalog, module)));
    }
    return files;
  }

  private static String yaml(ObjectNode document) {
    return HEADER + YAML.writeValueAsString(document);
  }
}
