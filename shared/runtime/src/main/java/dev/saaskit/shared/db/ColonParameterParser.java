package dev.saaskit.shared.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JDBI's SQL syntax ({@code :name} and {@code ?} parameters), read by a hand-written scanner with
 * the rules of JDBI's default {@code ColonPrefixSqlParser}: {@code /* *}{@code /} and {@code --}
 * comments, {@code '...'} literals (with {@code \'} inside) and non-empty {@code "..."} identifiers
 * are copied as they are; {@code ::} and {@code ??} are text; a backslash keeps the next character
 * as text; a name is letters (ASCII, {@code $}, {@code _}, anything beyond ASCII), digits, {@code .}
 * and {@code ?.}. A test holds the two parsers' results equal.
 *
 * <p>The syntax is JDBI's because our statements were written for JDBI, which the data access used
 * until its start-up alone cost a cold start more than the 1.5x budget (ARCHITECTURE.md, "Data").
 * A statement is parsed once per container: statements are constants, so the cache stays small.
 */
final class ColonParameterParser {

  private static final int CACHED_STATEMENTS = 2_000;
  private static final Map<String, ParsedSql> PARSED = new ConcurrentHashMap<>();

  private ColonParameterParser() {}

  static ParsedSql parsed(String sql) {
    ParsedSql parsed = PARSED.get(sql);
    if (parsed == null) {
      parsed = parse(sql);
      if (PARSED.size() < CACHED_STATEMENTS) {
        PARSED.put(sql, parsed);
      }
    }
    return parsed;
  }

  static ParsedSql parse(String sql) {
    List<String> names = new ArrayList<>();
    int positional = 0;
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
        text.append('?');
        positional++;
        i++;
      } else if (c == ':' && (end = nameEnd(sql, i + 1)) > i + 1) {
        text.append('?');
        names.add(sql.substring(i + 1, end));
        i = end;
      } else {
        text.append(c);
        i++;
      }
    }
    if (positional > 0 && !names.isEmpty()) {
      throw new IllegalArgumentException("a statement has either :name or ? parameters, not both: " + sql);
    }
    return new ParsedSql(text.toString(), List.copyOf(names), positional);
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
}
