package dev.saaskit.deployment;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.CatalogLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The files the tests read: the repository's catalog and template, and the sample catalog. */
final class Repository {

  /** Tests run in deployment/; the repository root is its parent. */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path BUILD = Path.of("target").toAbsolutePath();
  static final String SAMPLE_CATALOG = "sample-catalog.yaml";

  private static final YAMLMapper YAML = new YAMLMapper();

  private Repository() {}

  static Catalog catalog() {
    return CatalogLoader.parse(read(ROOT.resolve(SamTemplate.CATALOG)), SamTemplate.CATALOG);
  }

  static Catalog sampleCatalog() {
    return CatalogLoader.parse(sampleCatalogBytes(), SAMPLE_CATALOG);
  }

  static byte[] sampleCatalogBytes() {
    try (InputStream in = Repository.class.getClassLoader().getResourceAsStream(SAMPLE_CATALOG)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sample catalog as a file, for tools that read files (Terraform). */
  static Path sampleCatalogFile() {
    return write(BUILD.resolve(SAMPLE_CATALOG), sampleCatalogBytes());
  }

  /** The deployment of a catalog written under target/{@code name}/ for tools to read; returns its template.yaml. */
  static Path writeDeployment(Catalog catalog, String name) {
    Path dir = BUILD.resolve(name);
    SamTemplate.render(catalog).forEach((file, content) -> write(dir.resolve(file), content.getBytes(StandardCharsets.UTF_8)));
    return dir.resolve(SamTemplate.TEMPLATE);
  }

  static Path checkedInTemplate() {
    return ROOT.resolve(SamTemplate.TEMPLATE);
  }

  /** The checked-in deployment: template.yaml and every file under stacks/, by path from the root. */
  static Map<String, Path> checkedInFiles() {
    Map<String, Path> files = new TreeMap<>();
    files.put(SamTemplate.TEMPLATE, checkedInTemplate());
    try (Stream<Path> stacks = Files.list(ROOT.resolve(SamTemplate.STACKS))) {
      stacks.forEach(f -> files.put(SamTemplate.STACKS + "/" + f.getFileName(), f));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  static Map<String, JsonNode> checkedInDeployment() {
    Map<String, JsonNode> parsed = new TreeMap<>();
    checkedInFiles().forEach((name, file) -> parsed.put(name, yaml(file)));
    return parsed;
  }

  /** What the generator makes of a catalog, parsed, by path from the root. */
  static Map<String, JsonNode> deployment(Catalog catalog) {
    Map<String, JsonNode> parsed = new TreeMap<>();
    SamTemplate.render(catalog).forEach((name, content) -> parsed.put(name, yaml(content)));
    return parsed;
  }

  static JsonNode yaml(Path file) {
    return YAML.readTree(read(file));
  }

  static JsonNode yaml(String text) {
    return YAML.readTree(text);
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
