package dev.saaskit.audit.dataexports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.audit.Audit;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.MotoServer;
import dev.saaskit.testkit.QueuePump;
import dev.saaskit.testkit.Tenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A data export written to moto's server, an S3 of another make than the embedded one, by new
 * containers of the consumer and the status route pointed at it, and downloaded through its link.
 */
class DataExportOnMotoTest {

  static final String BUCKET = "saaskit-data-export-moto";
  static MotoServer moto;
  static Map<String, String> settings;

  final Tenant tenant = Audit.tenant();

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.start();
    settings = moto.s3Bucket(BUCKET);
  }

  @AfterAll
  static void stopMoto() {
    moto.close();
  }

  @Test
  void an_export_is_written_to_moto_and_downloaded_through_its_link() {
    DataExports.Seeded seeded = DataExports.seed(tenant);
    String admin = tenant.token(Role.ORG_ADMIN);
    QueuePump.drain(DataExports.QUEUE, DataExports.PRODUCER);
    ApiResponse created = DataExports.create(admin);
    assertThat(created.status()).as(created.toString()).isEqualTo(202);

    QueuePump.drainInNewContainer(DataExports.QUEUE, DataExports.PRODUCER, settings);
    JsonNode export = Api.get("/api/v1/exports/" + created.json().path("id").asString()).bearer(admin).sendToNewContainer(settings).json();

    assertThat(export.path("status").asString()).isEqualTo("completed");
    assertThat(export.path("download_url").asString())
        .startsWith(moto.endpoint() + "/" + BUCKET + "/audit/exports/" + tenant.organizationId() + "/data/");
    byte[] file = DataExports.download(export);
    assertThat((long) file.length).isEqualTo(export.path("size_bytes").asLong());
    List<JsonNode> lines = DataExports.parsed(DataExports.lines(file));
    assertThat(lines.stream().map(l -> l.path("type").asString()).distinct().toList()).isEqualTo(DataExports.SECTIONS);
    assertThat(DataExports.ofType(lines, "api_key")).singleElement()
        .satisfies(k -> assertThat(k.path("id").asString()).isEqualTo(seeded.key().id().toString()));
  }
}
