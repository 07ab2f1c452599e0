package dev.saaskit.shared.db;

import java.util.List;

/**
 * A statement as JDBC takes it: {@code sql} with a {@code ?} for each parameter, and either the
 * parameters' names in order or, for a statement written with {@code ?} itself, their number.
 */
record ParsedSql(String sql, List<String> names, int positional) {

  int parameterCount() {
    return positional > 0 ? positional : names.size();
  }
}
