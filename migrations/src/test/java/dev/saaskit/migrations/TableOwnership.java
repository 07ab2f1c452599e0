package dev.saaskit.migrations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules of {@code migrations/ownership.yaml} held against SQL: which tables a module's code
 * writes (insert, update, delete, truncate) and reads (from, join), found in its Java and SQL
 * sources with comments removed, and compared with the tables' owners and readers.
 */
final class TableOwnership {

  private static final Pattern CREATE = Pattern.compile("(?i)\\bcreate\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
  private static final Pattern WRITE = Pattern.compile(
      "(?i)\\b(?:insert\\s+into|delete\\s+from|truncate\\s+(?:table\\s+)?|update)\\s+([a-z_][a-z0-9_]*)");
  private static final Pattern READ = Pattern.compile("(?i)\\b(?:from|join)\\s+([a-z_][a-z0-9_]*)");
  private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*|--[^\\n]*");

  private final Map<String, Ownership.Table> tables;

  TableOwnership(Map<String, Ownership.Table> tables) {
    this.tables = tables;
  }

  static TableOwnership read(Path file) {
    return new TableOwnership(Ownership.parse(text(file).getBytes(java.nio.charset.StandardCharsets.UTF_8)).tables());
  }

  /** The tables the migration scripts create. */
  static Set<String> createdBy(Path migrations) {
    Set<String> created = new TreeSet<>();
    for (Path script : files(migrations, ".sql")) {
      Matcher m = CREATE.matcher(text(script));
      while (m.find()) {
        created.add(m.group(1).toLowerCase(Locale.ROOT));
      }
    }
    return created;
  }

  /** The tables without an owner, and the entries naming no table the migrations make. */
  List<String> coverage(Set<String> created) {
    List<String> problems = new ArrayList<>();
    for (String table : created) {
      if (!tables.containsKey(table) || tables.get(table).owner() == null) {
        problems.add("table " + table + " has no owner in migrations/ownership.yaml");
      }
    }
    for (String table : tables.keySet()) {
      if (!created.contains(table)) {
        problems.add("migrations/ownership.yaml names " + table + ", which no migration creates");
      }
    }
    return problems;
  }

  /** What {@code module}'s sources do against the rules, one line per table and kind of use. */
  List<String> check(String module, Map<String, String> sources) {
    List<String> problems = new ArrayList<>();
    sources.forEach((file, source) -> {
      String code = COMMENTS.matcher(source).replaceAll(" ");
      for (String table : find(WRITE, code)) {
        if (!module.equals(tables.get(table).owner())) {
          problems.add(module + " writes " + table + " (" + file + "), which " + tables.get(table).owner()
              + " owns: go through " + tables.get(table).owner() + "'s queue or function");
        }
      }
      for (String table : find(READ, code)) {
        Ownership.Table t = tables.get(table);
        if (!module.equals(t.owner()) && !t.readers().contains(module)) {
          problems.add(module + " reads " + table + " (" + file + "), which " + t.owner()
              + " owns and ownership.yaml does not let it read");
        }
      }
    });
    return problems;
  }

  /** A module's main Java and SQL sources, by path. */
  static Map<String, String> sources(Path module) {
    Map<String, String> sources = new LinkedHashMap<>();
    for (String extension : List.of(".java", ".sql")) {
      for (Path file : files(module.resolve("src/main"), extension)) {
        sources.put(module.relativize(file).toString(), text(file));
      }
    }
    return sources;
  }

  private Set<String> find(Pattern pattern, String code) {
    Set<String> found = new TreeSet<>();
    Matcher m = pattern.matcher(code);
    while (m.find()) {
      String name = m.group(1).toLowerCase(Locale.ROOT);
      if (tables.containsKey(name)) {
        found.add(name);
      }
    }
    return found;
  }

  private static List<Path> files(Path dir, String extension) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(extension)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
