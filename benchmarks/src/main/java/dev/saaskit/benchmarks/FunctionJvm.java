package dev.saaskit.benchmarks;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Starts the JVM of one function: the launcher jar in front of the handler's artifact, nothing else. */
final class FunctionJvm {

  private final Path java;
  private final Path launcherJar;

  FunctionJvm(Path java, Path launcherJar) {
    this.java = java;
    this.launcherJar = launcherJar;
  }

  ProcessBuilder command(Handler handler, List<String> flags, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(flags);
    command.add("-cp");
    command.add(List.of(launcherJar, handler.artifact()).stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("JAVA_TOOL_OPTIONS") || k.startsWith("JDK_JAVA_OPTIONS"));
    builder.environment().putAll(handler.env());
    return builder;
  }

  Path java() {
    return java;
  }
}
