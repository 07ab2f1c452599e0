package dev.saaskit.audit.exports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.audit.Audit;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.MotoServer;
import dev.saaskit.testkit.QueuePump;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestStorage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An export written to moto's server, an S3 of another make than the embedded one, by new containers
 * of the consumer and the status route pointed at it, and downloaded through its link.
 */
class AuditExportOnMotoTest {

  static final String BUCKET = "saaskit-audit-moto";
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
    String action = Audit.action();
    UUID id = Audit.entry(tenant.organizationId(), action, Instant.now());
    ApiResponse created = Audit.export(tenant.token(Role.ORG_ADMIN), Map.of("format", "jsonl", "action", action));
    assertThat(created.status()).as(created.toString()).isEqualTo(202);

    QueuePump.drainInNewContainer(Audit.QUEUE, Audit.PRODUCER, settings);
    JsonNode export = Api.get("/api/v1/audit-logs/exports/" + created.json().path("id").asString())
        .bearer(tenant.token(Role.ORG_ADMIN)).sendToNewContainer(settings).json();

    assertThat(export.path("status").asString()).isEqualTo("succeeded");
    String url = export.path("download_url").asString();
    assertThat(url).startsWith(moto.endpoint() + "/" + BUCKET + "/audit/exports/" + tenant.organizationId() + "/");
    HttpResponse<String> file = TestStorage.get().get(URI.create(url));
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body().split("\n")).hasSize(1).allSatisfy(line -> assertThat(line).contains(id.toString(), action));
  }
}
