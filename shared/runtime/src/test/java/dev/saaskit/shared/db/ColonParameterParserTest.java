package dev.saaskit.shared.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedParameters;
import org.junit.jupiter.api.Test;

/** Our parser gives what JDBI's default parser gives, statement by statement. */
class ColonParameterParserTest {

  static final List<String> STATEMENTS = List.of(
      "select 1",
      "select * from users where id = :id and deleted_at is null",
      "insert into t (a, b) values (:a, :b) on conflict (a) do update set b = excluded.b returning id",
      "select cast(:at as timestamptz), :n::int, now() - interval '1 day'",
      "select ':not_a_param', 'it\\'s :quoted', \"Col:umn\" from t where x = :x",
      "select 1 /* a comment with :name and 'quote */ where y = ?",
      "select data ?? 'key', data ?| array['a'], ?, ?",
      "select :p.q, :a#b, :x?.y, :_1, :a$b, :é, :ü1",
      "select a -- x :c\n, :d -- :e\r:f --",
      "select '--' , :y /* -- */ , - :z, 1 -- '\n :w",
      "select ?, :mixed",
      "select '' , \"\" , 'unterminated :u",
      "update t set v = v + 1 where k = :k -- trailing :comment",
      "select \\:escaped, a\\?b, :trailing",
      "with w as (select :org as o) select * from w where o = :org and z = 'a''b:c'",
      "select $$dollar :d$$, ':'::text, 1::bigint, :::x, :",
      "/* unterminated comment :c",
      "select '\\\\' , :after",
      "select 'a\\' , :b, 'c' , :d",
      "select 'a\\'b', :c, '\\'");

  @Test
  void parses_as_jdbi_does() {
    ColonPrefixSqlParser jdbi = new ColonPrefixSqlParser();
    for (String sql : STATEMENTS) {
      assertThat(outcome(() -> ours(ColonParameterParser.parse(sql)))).as(sql).isEqualTo(outcome(() -> jdbis(jdbi.parse(sql, null))));
    }
  }

  /** The statement as sent, and the parameters' names or, for {@code ?} parameters, their number. */
  private static List<Object> ours(ParsedSql parsed) {
    return List.of(parsed.sql(), parsed.positional() > 0 ? parsed.positional() : parsed.names());
  }

  private static List<Object> jdbis(org.jdbi.v3.core.statement.ParsedSql parsed) {
    ParsedParameters parameters = parsed.getParameters();
    return List.of(parsed.getSql(), parameters.isPositional() ? parameters.getParameterCount() : parameters.getParameterNames());
  }

  /** The parsed statement, or that it was refused. */
  private static Object outcome(Supplier<Object> parse) {
    try {
      return parse.get();
    } catch (RuntimeException e) {
      return "refused";
    }
  }
}
