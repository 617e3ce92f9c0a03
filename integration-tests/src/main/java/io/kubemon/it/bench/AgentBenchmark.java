package io.kubemon.it.bench;

import io.kubemon.it.flow.Repository;
import io.kubemon.it.prom.PrometheusProcess;
import io.kubemon.it.sim.cluster.RecordedCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The agent as a site runs it ({@code agent/libexec/agent_kubemon}, a process per run, JVM start
 * included) against simulated clusters of growing size. Prints the median of several runs per
 * size, next to {@code java -version} of the same JVM (k3s), the connections the simulator
 * accepted, the check plug-ins' CPU over one run's output, and where the targets of issue #16 are
 * missed, by how much. From the repository root: {@code java -cp
 * integration-tests/target/kubemon-demo.jar io.kubemon.it.bench.AgentBenchmark} (options in
 * docs/benchmark.md).
 */
public final class AgentBenchmark {
  private static final PrintStream OUT = System.out;

  private final Options options;
  private final Repository repository = Repository.locate();
  private final Map<Size, Summary> results = new LinkedHashMap<>();

  private AgentBenchmark(Options options) {
    this.options = options;
  }

  public static void main(String[] args) {
    // Kubernetes' API server (Go) sends with TCP_NODELAY; the JDK's HttpServer only when asked.
    // Without it, Nagle and the delayed ACK add 40 ms to most small responses.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      new AgentBenchmark(Options.parse(args)).run();
    } catch (IllegalArgumentException | IOException e) {
      OUT.flush();
      System.err.println("kubemon benchmark: " + e.getMessage());
      System.exit(1);
    }
  }

  private void run() throws IOException {
    String missing = AgentRun.missingTime();
    if (missing == null && !Files.isExecutable(repository.agentScript())) {
      missing = repository.agentScript() + " not found: run from the repository root";
    }
    if (missing == null && !Files.isRegularFile(repository.agentJar())) {
      missing = "no " + repository.agentJar() + ": mvn -B -ntp -q -DskipTests package";
    }
    if (missing != null) {
      throw new IllegalArgumentException(missing);
    }
    OUT.println(Machine.describe());
    OUT.println("agent JVM: " + options.java() + " (" + javaVersion() + ")");
    if (options.serve() != null) {
      serve(options.serve());
      return;
    }
    Path cache = Files.createTempDirectory("kubemon-bench-cache");
    OUT.println("CDS archive cache (XDG_CACHE_HOME): " + cache);
    try {
      for (Size size : options.sizes()) {
        Summary summary = measure(size, cache);
        if (summary != null) {
          results.put(size, summary);
        }
      }
    } finally {
      delete(cache);
    }
    OUT.println();
    Report.table(OUT, results);
    Report.targets(OUT, results);
  }

  /** Serves one size until stdin ends, for profiling the agent by hand. */
  private void serve(Size size) throws IOException {
    Path recording = RecordedCluster.sharedDirectory().resolve(RecordedCluster.K3S);
    Path work = Files.createTempDirectory("kubemon-bench");
    String usage = usageSources(size, false);
    try (BenchCluster cluster = BenchCluster.start(repository, size.nodes(), size.podsPerNode(),
        recording, false, work)) {
      OUT.println(repository.agentScript() + " " + String.join(" ",
          cluster.arguments("bench", usage)));
      OUT.println("serving " + size + " until stdin ends (Ctrl-D); Enter prints and resets the"
          + " counts");
      java.io.BufferedReader in = new java.io.BufferedReader(
          new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (in.readLine() != null) {
        OUT.printf(Locale.ROOT, "%d requests, %d connections, most at once %d%n",
            cluster.requests(), cluster.connections(), cluster.mostInFlight());
        cluster.resetCounts();
      }
    } finally {
      delete(work);
    }
  }

  private String javaVersion() {
    try {
      Process p = new ProcessBuilder(options.java(), "-version").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return text.lines().filter(l -> !l.startsWith("Picked up")).findFirst().orElse("?");
    } catch (IOException e) {
      throw new IllegalArgumentException(options.java() + " does not start: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  private Summary measure(Size size, Path cache) throws IOException {
    Path recording = RecordedCluster.sharedDirectory().resolve(RecordedCluster.K3S);
    if (size.recorded() && !Files.isDirectory(recording)) {
      OUT.println(size + ": skipped: no " + recording + " (the k3s recording lives in ../shared)");
      return null;
    }
    boolean prometheus = options.usageSources().contains("prometheus")
        && usageSources(size, true).contains("prometheus")
        && Math.max(1, size.nodes()) <= options.prometheusMaxNodes()
        && PrometheusProcess.available();
    String usage = usageSources(size, prometheus);
    Path work = Files.createTempDirectory("kubemon-bench");
    OUT.printf(Locale.ROOT, "%s: starting the simulator%s; agent --usage-sources %s%n", size,
        prometheus ? " and a real Prometheus" : "", usage);
    try (BenchCluster cluster = BenchCluster.start(repository, size.nodes(), size.podsPerNode(),
        recording, prometheus, work)) {
      return measure(size, cluster, usage, cache, work);
    } finally {
      // The agent's output of a 5,000-node run alone is over 400 MiB.
      delete(work);
    }
  }

  private Summary measure(Size size, BenchCluster cluster, String usage, Path cache, Path work)
      throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("XDG_CACHE_HOME", cache.toString());
    if (!options.jvmOptions().isEmpty()) {
      env.put("JDK_JAVA_OPTIONS", options.jvmOptions());
    }
    if (options.javaHome() != null) {
      env.put("JAVA_HOME", options.javaHome().toString());
    }
    List<String> arguments = cluster.arguments("bench", usage);
    List<AgentRun.Figures> runs = new ArrayList<>();
    List<AgentRun.Cost> floors = new ArrayList<>();
    // The first run also builds the class-data archive (once per jar and JVM) and warms the
    // simulator's JIT; it is shown, not counted.
    AgentRun.Figures first = AgentRun.run(repository.agentScript(), arguments, env, work,
        cluster);
    OUT.printf(Locale.ROOT, "%s: first run %.2f s (not counted); load average %s%n", size,
        first.wallSeconds(), Machine.loadAverage());
    for (int i = 0; i < options.runs(size); i++) {
      String floor = "";
      if (size.recorded()) {
        // The same JVM's start and exit, right before the run: both see the same load.
        AgentRun.Cost f = AgentRun.javaVersion(options.java(), env, work);
        floors.add(f);
        floor = String.format(Locale.ROOT, " (java -version %.2f s wall, %.2f s CPU)",
            f.wallSeconds(), f.cpuSeconds());
      }
      AgentRun.Figures r = AgentRun.run(repository.agentScript(), arguments, env, work, cluster);
      OUT.printf(Locale.ROOT,
          "%s: run %d: %.2f s wall, %.2f s CPU, %.0f MiB, %d connections%s, load %s%n", size,
          i + 1, r.wallSeconds(), r.cpuSeconds(), r.peakRssBytes() / 1048576.0,
          r.connections(), floor, Machine.loadAverage());
      runs.add(r);
    }
    AgentRun.Cost site = null;
    double pluginCpu = Double.NaN;
    if (!size.recorded() && cluster.pods() <= options.siteMaxPods()) {
      site = siteChecks(work);
      pluginCpu = pluginCpu(work.resolve("cmd.err"));
      OUT.printf(Locale.ROOT, "%s: check plug-ins over the last run's output: %.2f s CPU"
          + " (%.2f s inside the plug-ins' own functions), %.2f s wall, %.0f MiB; load %s%n",
          size, site.cpuSeconds(), pluginCpu, site.wallSeconds(),
          site.peakRssBytes() / 1048576.0, Machine.loadAverage());
    }
    return Summary.of(cluster.pods(), size.recorded(), usage, runs, floors, site, pluginCpu);
  }

  private static void delete(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * What the site pays for one run's output: {@code checks/tools/run_checks.py} (parse, host
   * labels, discovery and check of every plug-in, on the Checkmk API stand-in) under GNU time.
   */
  private AgentRun.Cost siteChecks(Path work) throws IOException {
    String python = System.getProperty("kubemon.python", "/usr/bin/python3");
    return AgentRun.timed(List.of(python, repository.checkRunner().toString(), "--plugin-cpu",
        "--cluster-host",
        "bench", work.resolve("agent.out").toString()), Map.of(), work,
        work.resolve("checks.out"));
  }

  /** The runner's {@code plug-in CPU s: N} line on stderr ({@code --plugin-cpu}). */
  private static double pluginCpu(Path stderr) throws IOException {
    for (String line : Files.readAllLines(stderr, StandardCharsets.UTF_8)) {
      if (line.startsWith("plug-in CPU s: ")) {
        return Double.parseDouble(line.substring("plug-in CPU s: ".length()));
      }
    }
    throw new IOException("run_checks.py --plugin-cpu printed no plug-in CPU: " + stderr);
  }

  /** The usage sources the agent is given: Prometheus only where one runs. */
  private String usageSources(Size size, boolean prometheus) {
    List<String> sources = new ArrayList<>();
    String asked = size.usage() != null ? size.usage() : options.usageSources();
    if (asked.equals("none")) {
      return asked;
    }
    for (String s : asked.split(",")) {
      if (!s.equals("prometheus") || prometheus) {
        sources.add(s);
      }
    }
    return sources.isEmpty() ? "none" : String.join(",", sources);
  }
}
