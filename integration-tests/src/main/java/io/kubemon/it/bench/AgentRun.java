package io.kubemon.it.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of {@code agent/libexec/agent_kubemon} as a site starts it, under GNU time: CPU is user +
 * system of the wrapper, its {@code java -version} and the agent JVM; peak RSS is the largest of
 * them (the agent JVM).
 */
final class AgentRun {
  static final Path TIME = Path.of("/usr/bin/time");
  private static final Pattern SOURCE = Pattern.compile("\"source\":\"([a-z_]+)\"");

  /** What one run cost and what it wrote. */
  record Figures(
      double wallSeconds,
      double cpuSeconds,
      long peakRssBytes,
      int requests,
      int connections,
      int mostInFlight,
      long bytesRead,
      long bytesSent,
      long bytesWritten,
      int podHosts,
      int usageSections,
      TreeSet<String> usageSources,
      boolean deadlineHit) {}

  private AgentRun() {}

  /** One line saying what to install, or null when GNU time is there. */
  static String missingTime() {
    return Files.isExecutable(TIME)
        ? null
        : TIME + " not found: install the Debian package time (.ci/install does)";
  }

  static Figures run(
      Path wrapper, List<String> arguments, Map<String, String> env, Path work, BenchCluster cluster)
      throws IOException {
    Path timings = work.resolve("time.txt");
    Path out = work.resolve("agent.out");
    Path err = work.resolve("agent.err");
    List<String> command = new ArrayList<>(List.of(TIME.toString(), "-f", "%U %S %M", "-o",
        timings.toString(), wrapper.toString()));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    cluster.resetCounts();
    long start = System.nanoTime();
    Process process = builder.start();
    int exit = waitFor(process);
    double wall = (System.nanoTime() - start) / 1e9;
    if (exit != 0) {
      throw new IOException("the agent exited with " + exit + ": "
          + Files.readString(err, StandardCharsets.UTF_8).strip());
    }
    String[] time = Files.readAllLines(timings).get(0).trim().split(" ");
    Figures output = scan(out);
    return new Figures(
        wall,
        Double.parseDouble(time[0]) + Double.parseDouble(time[1]),
        Long.parseLong(time[2]) * 1024,
        cluster.requests(),
        cluster.connections(),
        cluster.mostInFlight(),
        cluster.bytesToAgent(),
        cluster.bytesFromAgent(),
        Files.size(out),
        output.podHosts(),
        output.usageSections(),
        output.usageSources(),
        output.deadlineHit());
  }

  /** Wall and CPU seconds of one process under GNU time. */
  record Cost(double wallSeconds, double cpuSeconds, long peakRssBytes) {}

  /**
   * {@code java -version} of the JVM the wrapper runs, with the same environment: the floor no
   * start of that JVM goes below, measured next to each agent run so both see the same load.
   */
  static Cost javaVersion(String java, Map<String, String> env, Path work) throws IOException {
    return timed(List.of(java, "-version"), env, work, work.resolve("java-version.out"));
  }

  /** Runs a command under GNU time, stdout to {@code out}; fails unless it exits 0. */
  static Cost timed(List<String> command, Map<String, String> env, Path work, Path out)
      throws IOException {
    Path timings = work.resolve("time-cmd.txt");
    Path err = work.resolve("cmd.err");
    List<String> timedCommand = new ArrayList<>(List.of(TIME.toString(), "-f", "%U %S %M", "-o",
        timings.toString()));
    timedCommand.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(timedCommand);
    builder.environment().putAll(env);
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    long start = System.nanoTime();
    int exit = waitFor(builder.start());
    double wall = (System.nanoTime() - start) / 1e9;
    if (exit != 0) {
      throw new IOException(command.get(0) + " exited with " + exit + ": "
          + Files.readString(err, StandardCharsets.UTF_8).strip());
    }
    String[] time = Files.readAllLines(timings).get(0).trim().split(" ");
    return new Cost(wall, Double.parseDouble(time[0]) + Double.parseDouble(time[1]),
        Long.parseLong(time[2]) * 1024);
  }

  private static int waitFor(Process process) throws IOException {
    try {
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("the agent did not finish within 10 minutes");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while the agent ran", e);
    }
  }

  /** Reads the output once: pod hosts, usage sections and their sources, the deadline flag. */
  private static Figures scan(Path out) throws IOException {
    int pods = 0;
    int usage = 0;
    boolean inUsage = false;
    boolean deadlineHit = false;
    TreeSet<String> sources = new TreeSet<>();
    try (BufferedReader reader = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.startsWith("<<<<pod_")) {
          pods++;
        } else if (line.startsWith("<<<")) {
          inUsage = line.contains("_usage_v");
          usage += inUsage ? 1 : 0;
        } else if (inUsage) {
          Matcher m = SOURCE.matcher(line);
          if (m.find()) {
            sources.add(m.group(1));
          }
        } else if (line.contains("\"deadline_hit\":true")) {
          deadlineHit = true;
        }
      }
    }
    return new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, pods, usage, sources, deadlineHit);
  }
}
