package dev.saaskit.identity.workspaces;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Fixtures;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UpdateWorkspaceTest {

  final Tenant tenant = Tenant.create();
  final UUID workspace = Fixtures.workspace(tenant, "Old name");

  ApiResponse update(Object body) {
    return Api.put("/api/v1/workspaces/" + workspace).bearer(tenant.token(Role.ORG_ADMIN)).json(body).send();
  }

  @Nested
  class Ok {
    @Test
    void renames_and_audits() {
      ApiResponse r = update(Map.of("name", "New name"));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("name").asString()).isEqualTo("New name");
      var audit = Fixtures.audit(tenant.organizationId(), "workspace.updated");
      assertThat(audit).hasSize(1);
      assertThat((String) audit.get(0).get("details")).contains("Old name", "New name");
    }

    @Test
    void sets_and_clears_the_description_keeping_the_name() {
      assertThat(update(Map.of("description", "About")).json().path("description").asString()).isEqualTo("About");

      ApiResponse r = update(Map.of("description", ""));

      assertThat(r.json().path("description").isNull()).isTrue();
      assertThat(r.json().path("name").asString()).isEqualTo("Old name");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void nothing_or_nothing_valid_to_change() {
      assertProblem(update(Map.of()), 400, "validation_failed");
      assertProblem(update(Map.of("name", " ")), 400, "validation_failed");
      assertThat(Fixtures.count("select count(*) from workspaces where id = ? and name = 'Old name'", workspace)).isEqualTo(1);
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_organizations_workspace() {
      assertProblem(Api.put("/api/v1/workspaces/" + workspace).bearer(Tenant.create().token(Role.ORG_ADMIN))
          .json(Map.of("name", "Taken over")).send(), 404, "not_found");
      assertThat(Fixtures.count("select count(*) from workspaces where id = ? and name = 'Old name'", workspace)).isEqualTo(1);
    }
  }
}
