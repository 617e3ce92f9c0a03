package io.kubemon.it.demo;

import io.kubemon.it.backend.SimulatorBackend;
import io.kubemon.it.flow.AgentOutput;
import io.kubemon.it.flow.AgentProcess;
import io.kubemon.it.flow.CheckRunner;
import io.kubemon.it.flow.Credentials;
import io.kubemon.it.flow.Repository;
import io.kubemon.it.prom.PrometheusProcess;
import io.kubemon.it.sim.cluster.GeneratedCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a site sees, on a laptop: a simulated cluster (with a real Prometheus where one is
 * installed), our manifests applied, the agent run through {@code agent/libexec/agent_kubemon}, and
 * its output through the check plug-ins, printed per host. Run from the repository root: {@code
 * java -jar integration-tests/target/kubemon-demo.jar [--nodes N] [--pods-per-node P]
 * [--prometheus-warmup S]}.
 */
public final class Demo {
  private static final PrintStream OUT = System.out;
  private static final int RATE_WINDOW_SECONDS = 300;

  private Demo() {}

  /**
   * One line for the user; thrown so that the cluster and Prometheus are stopped on the way out.
   */
  private static final class DemoFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DemoFailure(String line) {
      super(line);
    }
  }

  public static void main(String[] args) {
    try {
      run(args);
    } catch (DemoFailure | IOException e) {
      OUT.flush();
      System.err.println("kubemon demo: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void run(String[] args) throws IOException {
    int nodes = option(args, "--nodes", 3);
    int podsPerNode = option(args, "--pods-per-node", 12);
    int warmup = option(args, "--prometheus-warmup", 0);
    long started = System.nanoTime();
    Repository repository = Repository.locate();
    if (repository.manifests().isEmpty()) {
      fail(
          "no manifests under "
              + repository.root()
              + "/manifests: run the demo from the repository root");
    }
    AgentProcess agent = new AgentProcess(repository);
    if (agent.missing() != null) {
      fail(agent.missing());
    }
    Path work = Files.createTempDirectory("kubemon-demo");
    boolean prometheus = PrometheusProcess.available();
    progress(
        "starting a simulated cluster: %d node(s), about %d pods%s",
        nodes,
        nodes * podsPerNode,
        prometheus
            ? ", with a real Prometheus scraping its simulated kubelets"
            : " (no " + PrometheusProcess.BINARY + ": usage from the metrics API only)");
    try (SimulatorBackend cluster =
        SimulatorBackend.start(
            "demo",
            new GeneratedCluster.Spec(2026, nodes, podsPerNode, java.time.Instant.now()),
            work,
            prometheus)) {
      progress("agent_kubemon certs --out %s", work.resolve(Repository.CERTS));
      List<String> applied = new java.util.ArrayList<>();
      for (Path manifest : repository.clusterSetup(work)) {
        cluster.apply(manifest);
        applied.add(
            (manifest.startsWith(work) ? work.relativize(manifest) : "manifests/" + manifest.getFileName())
                .toString());
      }
      // No kubectl runs here: the simulator takes the manifests' objects into its store itself, and
      // what they would start (operator, adapter) is simulated.
      progress(
          "simulated cluster setup: the objects of %s stored as a kubectl apply would;"
              + " the operator and the adapter they start are simulated",
          String.join(", ", applied));
      progress("agent_kubemon credentials --kubeconfig %s", cluster.kubeconfig());
      Credentials credentials =
          Credentials.fetch(repository, cluster.kubeconfig(), "check-mk-token", work);
      if (credentials.caPem() == null) {
        fail("the check-mk-token Secret has no ca.crt");
      }
      Path token = AgentProcess.writeToken(work.resolve("token"), credentials.token());
      Path ca = Files.writeString(work.resolve("ca.crt"), credentials.caPem());
      String usage = prometheus ? "prometheus,metrics-api" : "metrics-api";
      if (prometheus) {
        warmUp(warmup);
      }
      List<String> arguments =
          AgentProcess.siteArguments(
              cluster.name(), cluster.apiServer().toString(), token, ca, usage);
      progress("running the agent as a site would: agent_kubemon %s", String.join(" ", arguments));
      AgentProcess.Result result = agent.run(arguments, work);
      Path output = Files.writeString(work.resolve("agent-output.txt"), result.stdout());
      report(repository, cluster.name(), result, output);
    }
    progress("done in %.1f s", (System.nanoTime() - started) / 1e9);
  }

  /**
   * The agent's CPU and network figures are rate(...[5m]): Prometheus divides by the whole window,
   * so while it holds only seconds of samples they read that fraction of the true rate. Waiting
   * gives it real history; the demo says so rather than show low figures unexplained.
   */
  private static void warmUp(int seconds) {
    if (seconds < RATE_WINDOW_SECONDS) {
      progress(
          "note: Prometheus starts now; CPU and network rates over 5 m read about (seconds of"
              + " samples)/300 of the true rate until it has 5 minutes of history"
              + " (--prometheus-warmup 300 waits for that)");
    }
    if (seconds <= 0) {
      return;
    }
    progress("waiting %d s so that Prometheus scrapes the kubelets for a while", seconds);
    try {
      Thread.sleep(seconds * 1000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted while waiting for Prometheus");
    }
  }

  private static void report(
      Repository repository, String cluster, AgentProcess.Result result, Path output)
      throws IOException {
    if (result.exitCode() != 0) {
      fail("the agent exited with " + result.exitCode() + ": " + result.stderr().strip());
    }
    AgentOutput parsed;
    try {
      parsed = AgentOutput.parse(result.stdout());
    } catch (RuntimeException e) {
      fail(
          "the agent's output does not follow docs/sections.md ("
              + e.getMessage()
              + "); it is in "
              + output);
      return;
    }
    progress("the agent wrote %d hosts (output: %s)", parsed.hosts().size(), output);
    CheckRunner runner = new CheckRunner(repository);
    if (runner.missing() != null) {
      progress("%s; showing the sections per host instead", runner.missing());
      parsed
          .hosts()
          .forEach(
              (host, sections) ->
                  OUT.printf(
                      "%s%n    %s%n",
                      host.isEmpty() ? cluster : host, String.join(", ", sections.keySet())));
      return;
    }
    // The cluster host first, as the site's host list has the rule's host on top; then by name.
    Map<String, List<CheckRunner.Service>> byHost =
        new TreeMap<>(
            (a, b) ->
                a.equals(cluster)
                    ? (b.equals(cluster) ? 0 : -1)
                    : b.equals(cluster) ? 1 : a.compareTo(b));
    for (CheckRunner.Service service : runner.run(output, cluster)) {
      byHost.computeIfAbsent(service.host(), h -> new java.util.ArrayList<>()).add(service);
    }
    byHost.forEach(
        (host, services) -> {
          OUT.println(host);
          for (CheckRunner.Service s : services) {
            OUT.printf(Locale.ROOT, "    %-7s %-28s %s%n", s.stateName(), s.service(), s.summary());
          }
        });
  }

  private static int option(String[] args, String name, int fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        try {
          return Integer.parseInt(args[i + 1]);
        } catch (NumberFormatException e) {
          fail(name + " must be a whole number, got \"" + args[i + 1] + "\"");
        }
      }
    }
    return fallback;
  }

  private static void progress(String format, Object... values) {
    OUT.println("kubemon demo: " + String.format(Locale.ROOT, format, values));
  }

  private static void fail(String line) {
    throw new DemoFailure(line);
  }
}
