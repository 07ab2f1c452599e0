package dev.saaskit.deployment;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.CatalogLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** The template rendered from the sample catalog, written under target/ for tools to read. */
  static Path sampleTemplateFile() {
    return write(BUILD.resolve("sample-template.yaml"), SamTemplate.render(sampleCatalog()).getBytes());
  }

  static Path checkedInTemplate() {
    return ROOT.resolve(SamTemplate.TEMPLATE);
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
