package dev.saaskit.shared.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saaskit.shared.identity.Role;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CatalogLoaderTest {

  static final String HEAD = """
      modules:
        keys: {initializer: dev.example.keys.KeysFunctions}
      queues:
        notifications: {visibility_timeout: 30}
      functions:
      """;

  static Catalog parse(String functions) {
    return CatalogLoader.parse((HEAD + functions).getBytes(StandardCharsets.UTF_8), "catalog.yaml");
  }

  static void rejects(String functions, String... fragments) {
    assertThatThrownBy(() -> parse(functions))
        .isInstanceOf(CatalogException.class)
        .hasMessageContainingAll(fragments);
  }

  static String http(String name, String method, String path, String access) {
    return """
          - name: %s
            module: keys
            handler: dev.example.keys.%s
            http: {method: %s, path: "%s"}
            access: %s
        """.formatted(name, clazz(name), method, path, access);
  }

  static String clazz(String name) {
    StringBuilder b = new StringBuilder();
    for (String part : name.split("-")) {
      b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return b.toString();
  }

  @Nested
  class Ok {
    @Test
    void derives_each_bean_from_its_handler_class() {
      Catalog c = parse(http("create-key", "POST", "/api/v1/keys", "public"));

      assertThat(c.named("create-key").orElseThrow().bean()).isEqualTo("createKey");
      assertThat(CatalogLoader.beanOf("dev.saaskit.identity.sessions.Refresh")).isEqualTo("refresh");
    }

    @Test
    void reads_every_kind_of_function() {
      Catalog c = parse(http("create-key", "POST", "/api/v1/keys", "{roles: [org_admin], api_key_scopes: [keys:write]}")
          + http("verify-key", "POST", "/api/v1/keys/verify", "public")
          + """
            - name: send-notification
              module: keys
              handler: dev.example.keys.SendNotification
              sqs: {queue: notifications, batch_size: 20, batching_window: 2, max_receives: 3}
              memory: 256
              timeout: 60
            - name: bill
              module: keys
              handler: dev.example.keys.Bill
              schedule: {expression: "cron(0 3 * * ? *)"}
            - name: migrate
              module: keys
              handler: dev.example.keys.Migrate
              direct: {on_deploy: true}
            - name: ingest-usage
              module: keys
              handler: dev.example.keys.IngestUsage
              logs: {}
          """);

      assertThat(c.functions()).hasSize(6);
      FunctionSpec create = c.named("create-key").orElseThrow();
      assertThat(create.access().roles()).containsExactly(Role.ORG_ADMIN);
      assertThat(create.access().apiKeyScopes()).containsExactly("keys:write");
      assertThat(create.memoryMb()).isEqualTo(512);
      assertThat(c.named("send-notification").orElseThrow().trigger())
          .isEqualTo(new Trigger.Sqs("notifications", 20, 2, 3, CatalogLoader.DEFAULT_MAX_CONCURRENCY));
      assertThat(c.named("bill").orElseThrow().access()).isEqualTo(Access.INTERNAL);
      assertThat(c.named("migrate").orElseThrow().trigger()).isEqualTo(new Trigger.Direct(true));
      assertThat(c.named("ingest-usage").orElseThrow().trigger()).isEqualTo(new Trigger.Logs());
      assertThat(c.named("ingest-usage").orElseThrow().access()).isEqualTo(Access.INTERNAL);
      assertThat(c.queues().get("notifications").visibilityTimeoutSeconds()).isEqualTo(30);
    }

    @Test
    void routes_like_api_gateway_with_literal_segments_first() {
      Catalog c = parse(http("verify-key", "POST", "/api/v1/keys/verify", "public")
          + http("reroll-key", "POST", "/api/v1/keys/{id}/reroll", "signed_in")
          + http("update-key", "PUT", "/api/v1/keys/{id}", "signed_in")
          + http("get-key", "GET", "/api/v1/keys/{id}", "signed_in")
          + http("not-found", "ANY", "$default", "public"));

      assertThat(c.route("POST", "/api/v1/keys/verify").orElseThrow().function().name()).isEqualTo("verify-key");
      var get = c.route("GET", "/api/v1/keys/0190f5b8-7c5e-7d2a-9b7e-3c1f5d9e8a21").orElseThrow();
      assertThat(get.function().name()).isEqualTo("get-key");
      assertThat(get.pathParameters()).containsEntry("id", "0190f5b8-7c5e-7d2a-9b7e-3c1f5d9e8a21");
      assertThat(c.route("POST", "/api/v1/keys/abc/reroll").orElseThrow().function().name()).isEqualTo("reroll-key");
      assertThat(c.route("DELETE", "/api/v1/keys/abc").orElseThrow().function().name()).isEqualTo("not-found");
      assertThat(c.route("GET", "/nowhere").orElseThrow().function().name()).isEqualTo("not-found");
    }
  }

  @Nested
  class Modules {
    @Test
    void modules_keep_the_catalogs_order() {
      Catalog c = CatalogLoader.parse("""
          modules:
            auth: {initializer: dev.example.auth.AuthFunctions}
            keys: {initializer: dev.example.keys.KeysFunctions}
            billing: {initializer: dev.example.billing.BillingFunctions}
          functions: []
          """.getBytes(StandardCharsets.UTF_8), "catalog.yaml");

      assertThat(c.modules().keySet()).containsExactly("auth", "keys", "billing");
    }
  }

  @Nested
  class Deployment {
    @Test
    void a_modules_settings_are_fixed_texts_or_parameters_and_it_may_send_email_and_sms() {
      Catalog c = CatalogLoader.parse("""
          modules:
            mail:
              initializer: dev.example.mail.MailFunctions
              settings:
                PROVIDER: ses
                RETRIES: 3
                APP_URL: {parameter: app_url, description: the front end, pattern: 'https://.+'}
                SENDER_ID: {parameter: sender_id, description: a sender id, default: ""}
                KEY_SECRET_ARN: {parameter: key_secret_arn, description: the key, secret: true}
              sends_email: {feedback_queue: bounces}
              sends_sms: true
            keys: {initializer: dev.example.keys.KeysFunctions}
          queues: {bounces: {}}
          functions: []
          """.getBytes(StandardCharsets.UTF_8), "catalog.yaml");

      ModuleSpec mail = c.modules().get("mail");
      assertThat(mail.settings().keySet()).containsExactly("PROVIDER", "RETRIES", "APP_URL", "SENDER_ID", "KEY_SECRET_ARN");
      assertThat(mail.settings().get("PROVIDER")).isEqualTo(ModuleSpec.Setting.fixed("ses"));
      assertThat(mail.settings().get("RETRIES").value()).isEqualTo("3");
      assertThat(mail.settings().get("APP_URL")).isEqualTo(new ModuleSpec.Setting(null, "app_url", "the front end", null, "https://.+", false));
      assertThat(mail.settings().get("SENDER_ID").defaultValue()).isEmpty();
      assertThat(mail.secrets()).extracting(ModuleSpec.Setting::parameter).containsExactly("key_secret_arn");
      assertThat(mail.emailFeedbackQueue()).isEqualTo("bounces");
      assertThat(mail.sendsSms()).isTrue();
      ModuleSpec keys = c.modules().get("keys");
      assertThat(keys.settings()).isEmpty();
      assertThat(keys.sendsEmail()).isFalse();
      assertThat(keys.sendsSms()).isFalse();
    }

    @Test
    void bad_settings_are_refused_with_their_module() {
      assertThatThrownBy(() -> CatalogLoader.parse("""
          modules:
            mail:
              initializer: dev.example.mail.MailFunctions
              settings:
                lower: x
                URL: {parameter: Url, description: the url, pattern: '[', default: a}
                KEY: {parameter: key, description: the key, secret: true, default: b}
                LIST: [a, b]
              sends_email: {feedback_queue: nowhere}
              sends_sms: "yes"
          functions: []
          """.getBytes(StandardCharsets.UTF_8), "catalog.yaml"))
          .isInstanceOf(CatalogException.class)
          .hasMessageContainingAll("module 'mail' setting lower: an environment variable's name",
              "module 'mail' setting URL: parameter 'Url' must be lower-case words joined by '_'",
              "module 'mail' setting URL: pattern is not a regular expression",
              "module 'mail' setting KEY: a secret's parameter is a secret's ARN",
              "module 'mail' setting LIST: expected a text or {parameter: ..., description: ...}",
              "module 'mail' sends_email: feedback_queue 'nowhere' is not defined under 'queues'",
              "module 'mail': 'sends_sms' must be true or false");
    }

    @Test
    void a_function_signs_tokens_only_when_it_says_so() {
      Catalog c = parse(http("login", "POST", "/login", "public").replace("access: public", "access: public\n    signs_tokens: true")
          + http("me", "GET", "/me", "signed_in"));

      assertThat(c.named("login").orElseThrow().signsTokens()).isTrue();
      assertThat(c.named("me").orElseThrow().signsTokens()).isFalse();
      for (String value : new String[] {"yes please", "1", "\"true\"", "[true]"}) {
        rejects(http("a", "GET", "/a", "public").replace("access: public", "access: public\n    signs_tokens: " + value),
            "function 'a': 'signs_tokens' must be true or false");
      }
    }

    @Test
    void routes_are_throttled_by_access_rule_unless_the_defaults_or_the_function_say_otherwise() {
      Catalog c = parse(http("login", "POST", "/login", "public").replace("access: public", "access: public\n    throttle: {rate: 5, burst: 10}")
          + http("verify", "POST", "/verify", "public")
          + http("me", "GET", "/me", "signed_in")
          + http("list-keys", "GET", "/keys", "{roles: [org_admin], api_key_scopes: [keys:read]}")
          + "  - {name: bill, module: keys, handler: dev.example.keys.Bill, schedule: {expression: rate(1 day)}}\n");

      assertThat(c.named("login").orElseThrow().throttle()).isEqualTo(new FunctionSpec.Throttle(5, 10));
      assertThat(c.named("verify").orElseThrow().throttle()).isEqualTo(CatalogLoader.DEFAULT_THROTTLES.get("public"));
      assertThat(c.named("me").orElseThrow().throttle()).isEqualTo(CatalogLoader.DEFAULT_THROTTLES.get("signed_in"));
      assertThat(c.named("list-keys").orElseThrow().throttle()).isEqualTo(CatalogLoader.DEFAULT_THROTTLES.get("api_key"));
      assertThat(c.named("bill").orElseThrow().throttle()).isNull();

      Catalog ownDefaults = CatalogLoader.parse(("defaults: {throttle: {public: {rate: 7, burst: 9}}}\n" + HEAD
          + http("verify", "POST", "/verify", "public")).getBytes(StandardCharsets.UTF_8), "catalog.yaml");
      assertThat(ownDefaults.named("verify").orElseThrow().throttle()).isEqualTo(new FunctionSpec.Throttle(7, 9));
    }

    @Test
    void throttles_reserved_concurrency_and_queue_concurrency_are_checked() {
      rejects("  - {name: bill, module: keys, handler: dev.example.keys.Bill, schedule: {expression: rate(1 day)}, throttle: {rate: 1, burst: 1}}\n",
          "function 'bill': only HTTP functions take a 'throttle'");
      rejects(http("a", "GET", "/a", "public").replace("access: public", "access: public\n    throttle: {rate: 0}"),
          "function 'a' throttle: needs both 'rate' (requests per second) and 'burst'", "'rate' is 0, must be between 1 and 10000");
      rejects("  - {name: relay, module: keys, handler: dev.example.keys.Relay, schedule: {expression: rate(1 minute)}, reserved_concurrency: 0}\n",
          "function 'relay': 'reserved_concurrency' is 0, must be between 1 and 1000");
      rejects("  - {name: send, module: keys, handler: dev.example.keys.Send, sqs: {queue: notifications, max_concurrency: 1}}\n",
          "function 'send' sqs: 'max_concurrency' is 1, must be between 2 and 1000");
      assertThat(parse("  - {name: relay, module: keys, handler: dev.example.keys.Relay, schedule: {expression: rate(1 minute)}, reserved_concurrency: 1}\n")
          .named("relay").orElseThrow().reservedConcurrency()).isEqualTo(1);
    }

    @Test
    void a_queue_keeps_messages_at_most_13_days_so_its_dead_letter_queue_keeps_them_longer() {
      assertThatThrownBy(() -> CatalogLoader.parse("""
          modules: {keys: {initializer: dev.example.keys.KeysFunctions}}
          queues: {emails: {retention_days: 14}}
          functions: []
          """.getBytes(StandardCharsets.UTF_8), "catalog.yaml"))
          .hasMessageContaining("queue 'emails': 'retention_days' is 14, must be between 1 and 13");
    }
  }

  @Nested
  class Rejected {
    @Test
    void unknown_keys_at_any_level() {
      rejects(http("a", "GET", "/a", "public").replace("access: public", "access: public\n    colour: red"),
          "function 'a'", "unknown key 'colour'");
      rejects(http("a", "GET", "/a", "{roles: [user], scopes: [x]}"), "unknown key 'scopes'");
    }

    @Test
    void duplicate_names_routes_and_beans() {
      rejects(http("a", "GET", "/a", "public") + http("a", "GET", "/b", "public"), "function 'a'", "duplicate name");
      rejects(http("a", "GET", "/things/{id}", "public") + http("b", "GET", "/things/{thing_id}", "public"),
          "function 'b'", "route GET /things/{thing_id} is already served by 'a'");
      rejects(http("a", "GET", "/a", "public") + http("b", "GET", "/b", "public").replace("dev.example.keys.B", "dev.example.other.A"),
          "handler dev.example.other.A makes bean 'a' of module 'keys', which 'a' has already");
    }

    @Test
    void triggers_none_or_two() {
      rejects(http("a", "GET", "/a", "public").replace("    http: {method: GET, path: \"/a\"}\n", ""), "needs exactly one trigger", "none");
      rejects(http("a", "GET", "/a", "public") .replace("access: public", "access: public\n    schedule: {expression: rate(1 minute)}"),
          "needs exactly one trigger");
    }

    @Test
    void a_logs_trigger_takes_no_settings_and_one_function_receives_the_records() {
      String logs = """
            - name: %s
              module: keys
              handler: dev.example.keys.%s
              logs: %s
          """;
      rejects(logs.formatted("ingest", "Ingest", "{filter: x}"), "function 'ingest' logs", "expected an empty mapping");
      rejects(logs.formatted("ingest", "Ingest", "{}") + logs.formatted("count", "Count", "{}"),
          "function 'count' logs", "already go to 'ingest'");
    }

    @Test
    void undefined_queue_and_module() {
      rejects("""
            - name: a
              module: billing
              handler: dev.example.A
              sqs: {queue: invoices}
          """, "module 'billing' is not defined", "queue 'invoices' is not defined");
    }

    @Test
    void bad_schedule_expressions() {
      for (String expression : new String[] {"rate(0 minutes)", "rate(5 minute)", "rate(1 minutes)", "every day", "cron(0 3 * *)"}) {
        rejects("""
              - name: a
                module: keys
                handler: dev.example.A
                schedule: {expression: "%s"}
            """.formatted(expression), "function 'a' schedule", expression);
      }
    }

    @Test
    void sizes_outside_lambdas_limits() {
      rejects(http("a", "GET", "/a", "public") + "    memory: 64\n", "'memory' is 64, must be between 128 and 10240");
      rejects(http("a", "GET", "/a", "public") + "    timeout: 60\n", "HTTP functions time out at API Gateway after 30 s");
    }

    @Test
    void bad_access_rules() {
      rejects(http("a", "GET", "/a", "everyone"), "access 'everyone' is not public, signed_in");
      rejects(http("a", "GET", "/a", "{roles: [emperor]}"), "unknown role 'emperor'");
      rejects(http("a", "GET", "/a", "{api_key_scopes: [everything]}"), "scope 'everything' must look like");
      rejects(http("a", "GET", "/a", "public").replace("    access: public\n", ""), "HTTP functions need an 'access' rule");
    }

    @Test
    void bad_paths_methods_and_names() {
      rejects(http("a", "FETCH", "/a", "public"), "method 'FETCH'");
      rejects(http("a", "GET", "/A B", "public"), "path '/A B'");
      rejects(http("Bad_Name", "GET", "/a", "public"), "name must be lower-case words");
    }

    @Test
    void not_yaml() {
      assertThatThrownBy(() -> CatalogLoader.parse("functions: [".getBytes(StandardCharsets.UTF_8), "c.yaml"))
          .isInstanceOf(CatalogException.class).hasMessageContaining("c.yaml: not valid YAML");
    }
  }
}
