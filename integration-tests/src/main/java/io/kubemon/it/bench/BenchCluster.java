package io.kubemon.it.bench;

import io.kubemon.it.backend.SimulatorBackend;
import io.kubemon.it.flow.AgentProcess;
import io.kubemon.it.flow.Repository;
import io.kubemon.it.prom.KubeletMetrics;
import io.kubemon.it.prom.PrometheusProcess;
import io.kubemon.it.sim.cluster.GeneratedCluster;
import io.kubemon.it.sim.cluster.RecordedCluster;
import io.kubemon.it.sim.server.KubeSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One benchmark size served on loopback: the simulator seeded with the k3s recording or a generated
 * cluster, our manifests applied (so the agent reads with the check-mk service account's RBAC),
 * a real Prometheus scraping simulated kubelets when asked, and a {@link ByteRelay} in front.
 */
final class BenchCluster implements AutoCloseable {
  private final KubeSimulator simulator;
  private final int pods;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private ByteRelay relay;
  private Path token;
  private Path ca;
  private boolean prometheus;

  private BenchCluster(KubeSimulator simulator, int pods) {
    this.simulator = simulator;
    this.pods = pods;
  }

  /** {@code nodes == 0} serves the k3s recording from {@code recording}. */
  static BenchCluster start(
      Repository repository, int nodes, int podsPerNode, Path recording, boolean prometheus,
      Path work)
      throws IOException {
    KubeSimulator simulator = KubeSimulator.start();
    BenchCluster cluster;
    if (nodes == 0) {
      cluster = new BenchCluster(simulator, RecordedCluster.seed(simulator.store(), recording));
    } else {
      GeneratedCluster.Spec spec = new GeneratedCluster.Spec(2026, nodes, podsPerNode,
          Instant.now());
      cluster =
          new BenchCluster(simulator, GeneratedCluster.seed(simulator.store(), spec).podCount());
    }
    cluster.resources.add(simulator);
    try {
      cluster.prepare(repository, prometheus, work);
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private void prepare(Repository repository, boolean withPrometheus, Path work)
      throws IOException {
    for (Path manifest : repository.clusterSetup(work)) {
      simulator.apply(manifest);
    }
    Map<String, String> secret =
        SimulatorBackend.secretData(simulator, "check-mk", "check-mk-token");
    token = AgentProcess.writeToken(work.resolve("token"), secret.get("token"));
    ca = Files.writeString(work.resolve("ca.crt"), secret.get("ca.crt"));
    if (withPrometheus) {
      KubeletMetrics kubelets = KubeletMetrics.start(simulator.store());
      resources.add(kubelets);
      simulator.kubelets(kubelets.url());
      PrometheusProcess server = PrometheusProcess.start(kubelets, work);
      resources.add(server);
      simulator.prometheus("check-mk", server.url());
      prometheus = true;
    }
    relay = ByteRelay.start(simulator.url());
    resources.add(relay);
  }

  /** Pods in the cluster (for the k3s recording: every object seeded). */
  int pods() {
    return pods;
  }

  boolean hasPrometheus() {
    return prometheus;
  }

  /** The site's arguments, as the server-side call writes them, through the relay. */
  List<String> arguments(String cluster, String usageSources) {
    return AgentProcess.siteArguments(cluster, relay.url().toString(), token, ca, usageSources);
  }

  void resetCounts() {
    simulator.resetCounts();
    relay.reset();
  }

  int requests() {
    return simulator.requestCounts().values().stream().mapToInt(Integer::intValue).sum();
  }

  /** TCP connections the agent opened (the relay opens one to the simulator for each). */
  int connections() {
    return simulator.connections();
  }

  int mostInFlight() {
    return simulator.mostInFlight();
  }

  long bytesToAgent() {
    return relay.bytesToAgent();
  }

  long bytesFromAgent() {
    return relay.bytesFromAgent();
  }

  @Override
  public void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        // Stopping the rest matters more than why one did not stop.
      }
    }
  }
}
