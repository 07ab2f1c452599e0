package dev.saaskit.shared.db;

import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * JDBI's SQL syntax ({@code :name} and {@code ?} parameters), read by a hand-written scanner with
 * the rules of JDBI's default {@code ColonPrefixSqlParser}: {@code /* *}{@code /} and {@code --}
 * comments, {@code '...'} literals (with {@code \'} inside) and non-empty {@code "..."} identifiers
 * are copied as they are; {@code ::} and {@code ??} are text; a backslash keeps the next character
 * as text; a name is letters (ASCII, {@code $}, {@code _}, anything beyond ASCII), digits, {@code .}
 * and {@code ?.}. A test holds the two parsers' results equal.
 *
 * <p>The default parser is an ANTLR lexer: its first statement in a container loads and interprets
 * the lexer's state machine, a measurable part of a cold start (docs/benchmarks.md).
 */
public final class ColonParameterParser implements SqlParser {

  @Override
  public ParsedSql parse(String sql, StatementContext context) {
    return parse(sql);
  }

  static ParsedSql parse(String sql) {
    ParsedSql.Builder parsed = ParsedSql.builder();
    StringBuilder text = new StringBuilder(sql.length());
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      int end;
      if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*' && (end = sql.indexOf("*/", i + 2)) >= 0) {
        text.append(sql, i, end + 2);
        i = end + 2;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        end = lineEnd(sql, i + 2);
        text.append(sql, i, end);
        i = end;
      } else if (c == '\'' && (end = closingQuote(sql, i + 1)) >= 0) {
        text.append(sql, i, end + 1);
        i = end + 1;
      } else if (c == '"' && (end = sql.indexOf('"', i + 1)) > i + 1) {
        text.append(sql, i, end + 1);
        i = end + 1;
      } else if (c == '\\' && i + 1 < n) {
        text.append(sql.charAt(i + 1));
        i += 2;
      } else if ((c == ':' || c == '?') && i + 1 < n && sql.charAt(i + 1) == c) {
        text.append(c).append(c);
        i += 2;
      } else if (c == '?') {
        parsed.append(flush(text)).appendPositionalParameter();
        i++;
      } else if (c == ':' && (end = nameEnd(sql, i + 1)) > i + 1) {
        parsed.append(flush(text)).appendNamedParameter(sql.substring(i + 1, end));
        i = end;
      } else {
        text.append(c);
        i++;
      }
    }
    return parsed.append(flush(text)).build();
  }

  @Override
  public String nameParameter(String rawName, StatementContext context) {
    return ":" + rawName;
  }

  /**
   * The index of the quote closing a literal whose text starts at {@code from}, or -1: the farthest
   * quote reachable, since a quote after a backslash may either close the literal or be part of it,
   * and JDBI's lexer takes the longest match.
   */
  private static int closingQuote(String sql, int from) {
    int closing = -1;
    for (int j = from; j < sql.length(); j++) {
      if (sql.charAt(j) == '\'') {
        closing = j;
        if (j == from || sql.charAt(j - 1) != '\\') {
          break;
        }
      }
    }
    return closing;
  }

  private static int lineEnd(String sql, int from) {
    int j = from;
    while (j < sql.length() && sql.charAt(j) != '\n' && sql.charAt(j) != '\r') {
      j++;
    }
    return j;
  }

  /** Where a parameter name starting at {@code from} ends. */
  private static int nameEnd(String sql, int from) {
    int j = from;
    while (j < sql.length()) {
      char c = sql.charAt(j);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' || c == '.' || c > 0x7F) {
        j++;
      } else if (c == '?' && j + 1 < sql.length() && sql.charAt(j + 1) == '.') {
        j += 2;
      } else {
        break;
      }
    }
    return j;
  }

  private static String flush(StringBuilder text) {
    String s = text.toString();
    text.setLength(0);
    return s;
  }
}
