package dev.saaskit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.sessions.OpaqueTokens;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Parallel;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.Tenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Concurrency invariants (issue 22) that no domain module's tests already hold: requests sent at once by several
 * containers of one function (each with its own connection, as Lambda scales out), through the entry point, against
 * the tests' PostgreSQL. Parallel refresh, rate-limited requests and the workers' step claims are proven in their
 * modules (docs/reliability.md names the tests).
 */
class ConcurrencyTest {

  private static final int CONTAINERS = 6;
  private static final Map<String, Object> FIGURES = new ConcurrentHashMap<>();

  @BeforeAll
  static void onTheRealCatalog() {
    Assumptions.assumeTrue(System.getProperty("CATALOG_RESOURCE") == null, "runs on the real catalog, not the test domain's");
  }

  @AfterAll
  static void figures() {
    if (!FIGURES.isEmpty()) {
      Figures.write("concurrency", FIGURES);
    }
  }

  @Test
  void one_invitation_accepted_by_several_containers_at_once_makes_one_member() {
    Tenant tenant = Tenant.create();
    TestDatabase.execute("update organizations set plan = 'enterprise' where id = ?", tenant.organizationId());
    String email = "racer-" + UUID.randomUUID() + "@example.test";
    String token = OpaqueTokens.generate();
    TestDatabase.execute("insert into invitations (id, organization_id, email, role, token_hash, invited_by, expires_at) values (?, ?, ?, ?, ?, ?, ?)",
        Ids.newId(), tenant.organizationId(), email, Role.USER.code(), OpaqueTokens.hash(token), tenant.member(Role.ORG_ADMIN),
        Instant.now().plusSeconds(3600));

    List<ApiResponse> answers = Parallel.send("accept-invitation", CONTAINERS, 1, () -> Api.post("/api/v1/invitations/accept")
        .json(Map.of("token", token, "password", "a long enough passphrase 42", "full_name", "Racing Newcomer")));

    assertThat(answers.stream().filter(r -> r.status() == 201)).as(answers.toString()).hasSize(1);
    assertThat(answers.stream().filter(r -> r.status() != 201)).allSatisfy(r -> {
      assertThat(r.status()).as(r.toString()).isBetween(400, 499);
      assertThat(r.header("content-type")).isEqualTo("application/problem+json");
    });
    assertThat(count("select count(*) from users where email = ?", email)).isEqualTo(1);
    assertThat(count("select count(*) from organization_members m join users u on u.id = m.user_id where u.email = ? and m.organization_id = ?",
        email, tenant.organizationId())).isEqualTo(1);
    assertThat(count("select count(*) from invitations where token_hash = ? and accepted_at is not null", OpaqueTokens.hash(token))).isEqualTo(1);
    FIGURES.put("invitation_accepts", answers.size());
    FIGURES.put("invitation_accepted", 1);
  }

  @Test
  void updates_of_one_ticket_at_once_are_applied_one_after_another_and_none_is_lost() {
    Tenant tenant = Tenant.create();
    String customer = tenant.token(Role.USER);
    JsonNode created = Api.post("/api/v1/support/tickets").bearer(customer)
        .json(Map.of("subject", "subject 0", "description", "raced", "priority", "normal")).send().json();
    UUID ticket = UUID.fromString(created.path("id").asString());
    AtomicInteger next = new AtomicInteger();
    int perContainer = 2;

    List<ApiResponse> answers = Parallel.send("update-ticket", CONTAINERS, perContainer, () -> Api.put("/api/v1/support/tickets/" + ticket)
        .bearer(customer).json(Map.of("subject", "subject " + next.incrementAndGet())));

    assertThat(answers).as(answers.toString()).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
    // Each update's audit entry names the subject it found and the one it left. Applied one after another, they form one
    // chain from the first subject to the last; an update that read a value another was replacing would repeat a "from".
    List<String> from = new ArrayList<>();
    Set<String> to = new HashSet<>();
    for (Map<String, Object> row : TestDatabase.rows("select details::text as details from audit_logs where resource_id = ? and action = 'support_ticket.updated'",
        ticket.toString())) {
      JsonNode subject = Json.tree((String) row.get("details")).path("changes").path("subject");
      from.add(subject.path("from").asString());
      to.add(subject.path("to").asString());
    }
    String last = (String) TestDatabase.rows("select subject from support_tickets where id = ?", ticket).get(0).get("subject");
    assertThat(from).as("one audited change per update").hasSize(CONTAINERS * perContainer).doesNotHaveDuplicates();
    Set<String> expectedFrom = new HashSet<>(to);
    expectedFrom.remove(last);
    expectedFrom.add("subject 0");
    assertThat(new HashSet<>(from)).as("one chain from the first subject to the last").isEqualTo(expectedFrom);
    FIGURES.put("ticket_updates", answers.size());
    FIGURES.put("ticket_updates_chained", from.size());
  }

  private static long count(String sql, Object... args) {
    return ((Number) TestDatabase.rows(sql, args).get(0).values().iterator().next()).longValue();
  }
}
