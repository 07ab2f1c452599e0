package dev.saaskit.shared.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogCompilerTest {

  private static final Path CATALOG = Path.of("../../functions/catalog.yaml");

  @Test
  void the_json_it_writes_is_the_same_catalog_as_the_yaml(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("saaskit/catalog.json");

    CatalogCompiler.main(new String[] {CATALOG.toString(), json.toString()});

    Catalog fromYaml = CatalogLoader.parse(Files.readAllBytes(CATALOG), "catalog.yaml");
    Catalog fromJson = CatalogLoader.parse(Files.readAllBytes(json), "catalog.json");
    assertThat(fromJson.functions()).isEqualTo(fromYaml.functions());
    assertThat(fromJson.modules()).isEqualTo(fromYaml.modules());
    assertThat(fromJson.queues()).isEqualTo(fromYaml.queues());
  }

  @Test
  void an_invalid_catalog_writes_nothing(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("catalog.yaml");
    Files.writeString(yaml, Files.readString(CATALOG).replace("timeout: 10", "timeout: 10\n  colour: blue"));
    Path json = dir.resolve("catalog.json");

    assertThatThrownBy(() -> CatalogCompiler.main(new String[] {yaml.toString(), json.toString()}))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("colour");
    assertThat(json).doesNotExist();
  }

  @Test
  void json_that_does_not_parse_is_reported_as_json() {
    assertThatThrownBy(() -> CatalogLoader.parse("{\"functions\": [".getBytes(), "saaskit/catalog.json"))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("saaskit/catalog.json: not valid JSON");
  }
}
