package io.kubemon.agent.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built agent (shaded jar or the libexec wrapper) as a separate process. */
final class AgentProcess {
  private AgentProcess() {}

  /** What one run left behind. */
  record Result(int exitCode, String stdout, String stderr) {}

  static Path jar() {
    Path jar = Path.of(System.getProperty("kubemon.agent.jar", "target/kubemon-agent.jar"));
    assertTrue(Files.isRegularFile(jar), "no shaded jar at " + jar + ": run mvn verify");
    return jar;
  }

  static Path wrapper() {
    return Path.of(System.getProperty("kubemon.agent.wrapper", "libexec/agent_kubemon"));
  }

  static Result runJar(List<String> args) throws Exception {
    return runJar(args, Map.of());
  }

  /** As above, with {@code env} added to the environment (after the build's proxies are gone). */
  static Result runJar(List<String> args, Map<String, String> env) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(args);
    return run(command, env);
  }

  static Result run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
    // The wrapper's class-data archive goes under target/, not the build user's ~/.cache.
    builder.environment().put(
        "XDG_CACHE_HOME", Path.of("target", "cds-cache").toAbsolutePath().toString());
    // No proxy from the build machine may catch the loopback requests; a test may set its own.
    for (String proxy : List.of("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY",
        "no_proxy", "NO_PROXY")) {
      builder.environment().remove(proxy);
    }
    builder.environment().putAll(env);
    File out = File.createTempFile("agent", ".out");
    File err = File.createTempFile("agent", ".err");
    try {
      builder.redirectOutput(out).redirectError(err);
      Process process = builder.start();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the agent did not finish within 90 s: " + command.get(0));
      }
      return new Result(process.exitValue(), read(out), read(err));
    } finally {
      Files.deleteIfExists(out.toPath());
      Files.deleteIfExists(err.toPath());
    }
  }

  private static String read(File file) throws IOException {
    return Files.readString(file.toPath(), StandardCharsets.UTF_8);
  }
}
