package dev.saaskit.shared.db;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collector;
import java.util.stream.Stream;

/** The rows of a {@link Query}, each read by its mapper; each method runs the statement. */
public final class Results<T> {

  private final Query query;
  private final RowMapper<T> mapper;

  Results(Query query, RowMapper<T> mapper) {
    this.query = query;
    this.mapper = mapper;
  }

  public List<T> list() {
    return query.rows(mapper, Integer.MAX_VALUE);
  }

  /** Every row, read into memory first: the statement is done before the stream is returned. */
  public Stream<T> stream() {
    return list().stream();
  }

  public void forEach(Consumer<? super T> action) {
    list().forEach(action);
  }

  public <R> R collect(Collector<? super T, ?, R> collector) {
    return list().stream().collect(collector);
  }

  /** The only row; none or more than one is an error. */
  public T one() {
    List<T> rows = query.rows(mapper, 2);
    if (rows.size() != 1) {
      throw new IllegalStateException(rows.isEmpty() ? "expected one row, found none" : "expected one row, found several");
    }
    return rows.get(0);
  }

  /** The only row, if any (a null value is none); more than one is an error. */
  public Optional<T> findOne() {
    List<T> rows = query.rows(mapper, 2);
    if (rows.size() > 1) {
      throw new IllegalStateException("expected at most one row, found several");
    }
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
  }

  /** The first row, if any (a null value is none). */
  public Optional<T> findFirst() {
    List<T> rows = query.rows(mapper, 1);
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
  }
}
