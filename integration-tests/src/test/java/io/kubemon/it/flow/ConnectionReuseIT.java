package io.kubemon.it.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubemon.it.backend.SimulatorBackend;
import io.kubemon.it.sim.cluster.GeneratedCluster;
import io.kubemon.it.sim.server.KubeSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent keeps its connections: a run of many requests, gzipped list pages among them (the
 * simulator gzips from 128 KiB on, like kube-apiserver), opens no more connections than it has
 * requests in flight at once, plus two (the simulator's own count of requests at once is
 * shown, not asserted: a response the agent still reads has left the simulator's handler). Counted by the simulator, per client address and port.
 */
class ConnectionReuseIT {
  /** Lists read at once (KubeCollector.POOL_SIZE), each with one page read ahead. */
  private static final int AGENT_CONCURRENCY = 4 * 2;

  private final Repository repository = Repository.locate();
  private KubeSimulator simulator;
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    String missing = new AgentProcess(repository).missing();
    assumeTrue(missing == null, missing);
    simulator = KubeSimulator.start();
    // 7,500 pods: 15 pages of pods (500 each), each gzipped, and more of other lists: a client
    // that dropped the connection of every gzipped answer needed over 15 connections.
    GeneratedCluster.seed(simulator.store(), GeneratedCluster.Spec.of(16, 250, 30));
    for (Path manifest : repository.manifests()) {
      simulator.apply(manifest);
    }
  }

  @AfterEach
  void stop() {
    if (simulator != null) {
      simulator.close();
    }
  }

  @Test
  void aRunReusesItsConnections() throws Exception {
    Map<String, String> secret =
        SimulatorBackend.secretData(simulator, "check-mk", "check-mk-token");
    Path token = AgentProcess.writeToken(dir.resolve("token"), secret.get("token"));
    Path ca = Files.writeString(dir.resolve("ca.crt"), secret.get("ca.crt"));
    simulator.resetCounts();
    AgentProcess.Result run = new AgentProcess(repository).run(AgentProcess.siteArguments(
        "reuse", simulator.url().toString(), token, ca, "metrics-api"), dir);
    assertEquals(0, run.exitCode(), run.stderr());
    int requests = simulator.requestCounts().values().stream().mapToInt(Integer::intValue).sum();
    int connections = simulator.connections();
    assertTrue(simulator.requests("/api/v1/pods") >= 15, simulator.requestCounts().toString());
    assertTrue(connections <= AGENT_CONCURRENCY + 2,
        connections + " connections for " + requests + " requests (the simulator saw at most "
            + simulator.mostInFlight() + " at once)");
  }
}
