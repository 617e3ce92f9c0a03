package io.kubemon.it.bench;

import io.kubemon.it.backend.ControlPlaneBackend;
import io.kubemon.it.controlplane.ControlPlane;
import io.kubemon.it.flow.AgentProcess;
import io.kubemon.it.flow.Repository;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The agent against the real control plane and the simulator at the same size, in one run: API
 * objects only (usage off), medians of wall and CPU time and peak RSS of {@code agent_kubemon},
 * and the ratio real/simulated. States how long the real control plane took to create the objects
 * (nodes Ready, every pod Running). From the repository root, after {@code mvn -DskipTests
 * package}: {@code java -cp integration-tests/target/kubemon-demo.jar
 * io.kubemon.it.bench.BackendComparison [NODES [PODS_PER_NODE [RUNS]]]} (default 100 30 5).
 */
public final class BackendComparison {
  private static final PrintStream OUT = System.out;
  private static final Path TIME = Path.of("/usr/bin/time");

  /** One agent run: seconds of wall and CPU, kilobytes of peak RSS, pod hosts written. */
  record Run(double wall, double cpu, long rssKb, int podHosts) {}

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int podsPerNode = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Repository repository = Repository.locate();
    if (!Files.isExecutable(TIME)) {
      throw new IllegalStateException(TIME + " not found: install the Debian package time");
    }
    OUT.println(Machine.describe());
    Path work = Files.createTempDirectory("kubemon-compare");
    List<Run> real;
    try (ControlPlaneBackend cluster =
        ControlPlaneBackend.startEmpty(repository.root(), work.resolve("real"), nodes)) {
      ControlPlane plane = cluster.plane();
      long start = System.nanoTime();
      plane.apply("""
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: bench, namespace: default}
          spec:
            replicas: %d
            selector: {matchLabels: {app: bench}}
            template:
              metadata: {labels: {app: bench}}
              spec:
                containers: [{name: app, image: "registry.k8s.io/pause:3.10"}]
          """.formatted(nodes * podsPerNode));
      cluster.awaitRunning(nodes * podsPerNode);
      OUT.printf(Locale.ROOT, "real control plane: %d nodes Ready, %d pods Running in %.0f s"
              + " (ReplicaSet controller, scheduler, kwok), load %s%n",
          nodes, nodes * podsPerNode, (System.nanoTime() - start) / 1e9, Machine.loadAverage());
      plane.apply(repository.root().resolve("manifests/check_mk_rbac.yaml"));
      Map<String, String> secret = cluster.secretData("check-mk", "check-mk-token");
      Path token = AgentProcess.writeToken(work.resolve("real-token"), secret.get("token"));
      Path ca = Files.writeString(work.resolve("real-ca.crt"), secret.get("ca.crt"));
      real = measure(repository, "real", AgentProcess.siteArguments(
          "real", plane.apiServer().toString(), token, ca, "none"), runs, work);
    }
    List<Run> simulated;
    try (BenchCluster cluster = BenchCluster.start(
        repository, nodes, podsPerNode, null, false,
        Files.createDirectories(work.resolve("sim")))) {
      simulated = measure(repository, "simulator", cluster.arguments("sim", "none"), runs, work);
    }
    Run r = median(real);
    Run s = median(simulated);
    OUT.println();
    OUT.printf(Locale.ROOT,
        "| %dx%d, API objects only | wall s | CPU s | peak RSS MiB | pod hosts |%n",
        nodes, podsPerNode);
    OUT.println("|---|---:|---:|---:|---:|");
    OUT.printf(Locale.ROOT, "| real kube-apiserver %s | %.2f | %.2f | %.0f | %d |%n",
        ControlPlane.VERSION, r.wall(), r.cpu(), r.rssKb() / 1024.0, r.podHosts());
    OUT.printf(Locale.ROOT, "| simulator | %.2f | %.2f | %.0f | %d |%n",
        s.wall(), s.cpu(), s.rssKb() / 1024.0, s.podHosts());
    OUT.printf(Locale.ROOT, "| ratio real / simulator | %.2f | %.2f | %.2f | |%n",
        r.wall() / s.wall(), r.cpu() / s.cpu(), (double) r.rssKb() / s.rssKb());
  }

  private static List<Run> measure(
      Repository repository, String name, List<String> arguments, int runs, Path work)
      throws IOException, InterruptedException {
    List<Run> results = new ArrayList<>();
    for (int i = 0; i <= runs; i++) {
      Run run = run(repository, arguments, work);
      // The first run builds the class-data archive: shown, not counted.
      OUT.printf(Locale.ROOT, "%s: run %d%s: %.2f s wall, %.2f s CPU, %d MiB, %d pod hosts,"
              + " load %s%n", name, i, i == 0 ? " (not counted)" : "", run.wall(), run.cpu(),
          run.rssKb() / 1024, run.podHosts(), Machine.loadAverage());
      if (i > 0) {
        results.add(run);
      }
    }
    return results;
  }

  private static Run run(Repository repository, List<String> arguments, Path work)
      throws IOException, InterruptedException {
    Path timings = work.resolve("time.txt");
    Path out = work.resolve("agent.out");
    List<String> command = new ArrayList<>(List.of(TIME.toString(), "-f", "%e %U %S %M", "-o",
        timings.toString(), repository.agentScript().toString()));
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(work.resolve("agent.err").toFile()).start();
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("the agent failed: "
          + Files.readString(work.resolve("agent.err"), StandardCharsets.UTF_8).strip());
    }
    String[] t = Files.readAllLines(timings).get(0).trim().split(" ");
    int pods = 0;
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      if (line.startsWith("<<<kubemon_pod_info_v3")) {
        pods++;
      }
    }
    return new Run(Double.parseDouble(t[0]), Double.parseDouble(t[1]) + Double.parseDouble(t[2]),
        Long.parseLong(t[3]), pods);
  }

  private static Run median(List<Run> runs) {
    List<Run> byWall = runs.stream().sorted((a, b) -> Double.compare(a.wall(), b.wall())).toList();
    List<Run> byCpu = runs.stream().sorted((a, b) -> Double.compare(a.cpu(), b.cpu())).toList();
    List<Run> byRss = runs.stream().sorted((a, b) -> Long.compare(a.rssKb(), b.rssKb())).toList();
    int m = runs.size() / 2;
    return new Run(byWall.get(m).wall(), byCpu.get(m).cpu(), byRss.get(m).rssKb(),
        byWall.get(m).podHosts());
  }
}
