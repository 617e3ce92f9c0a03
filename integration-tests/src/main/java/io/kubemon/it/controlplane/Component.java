package io.kubemon.it.controlplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One control-plane program running as a child process, its output in {@code <name>.log}. When it
 * fails, the failure names the component and carries its last 20 log lines.
 */
final class Component {
  static final int LOG_LINES = 20;

  private final String name;
  private final Process process;
  private final Path log;

  private Component(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static Component start(String name, Path logs, List<String> command) throws IOException {
    return start(name, logs, command, java.util.Map.of());
  }

  static Component start(
      String name, Path logs, List<String> command, java.util.Map<String, String> env)
      throws IOException {
    Path log = logs.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(env);
    try {
      return new Component(name, builder.start(), log);
    } catch (IOException e) {
      throw new ControlPlaneException(name + " did not start: " + e.getMessage(), e);
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** Throws when the process has ended: a component must keep running. */
  void checkAlive() {
    if (!process.isAlive()) {
      throw failure("exited with status " + process.exitValue());
    }
  }

  ControlPlaneException failure(String what) {
    return new ControlPlaneException(name + " " + what + "; last lines of " + log + ":\n" + tail());
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM, then SIGKILL after a grace period; also ends anything the process started. */
  void stop() {
    List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }
}
