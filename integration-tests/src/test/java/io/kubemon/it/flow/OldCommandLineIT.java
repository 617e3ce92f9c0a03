package io.kubemon.it.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubemon.it.sim.cluster.GeneratedCluster;
import io.kubemon.it.sim.server.KubeSimulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line of Checkmk's old Kubernetes agent, as its README gave it ({@code --port 8443
 * --no-cert-check --token … HOST}, plus {@code --infos}), runs the agent process against the
 * simulator: the cluster is named after the host, and the token on argv costs one warning.
 */
class OldCommandLineIT {
  private final Repository repository = Repository.locate();
  @TempDir Path dir;

  @Test
  void theOldAgentsCommandLineMonitorsTheCluster() throws Exception {
    AgentProcess agent = new AgentProcess(repository);
    assumeTrue(agent.missing() == null, agent.missing());
    try (KubeSimulator simulator = KubeSimulator.start()) {
      GeneratedCluster.seed(simulator.store(), GeneratedCluster.Spec.of(5, 2, 3));
      AgentProcess.Result run =
          agent.run(
              List.of(
                  "--port",
                  Integer.toString(simulator.url().getPort()),
                  "--no-cert-check",
                  "--token",
                  simulator.adminToken(),
                  "--infos",
                  "nodes,pods",
                  "--proxy",
                  "NO_PROXY",
                  simulator.url().getHost()),
              dir);
      assertEquals(0, run.exitCode(), run.stderr());
      List<String> warnings = run.stderr().lines().toList();
      assertEquals(1, warnings.size(), "one warning line, no more: " + run.stderr());
      assertTrue(
          warnings.get(0).startsWith("agent_kubemon: warning: --token ")
              && warnings.get(0).contains("process list")
              && warnings.get(0).contains("--token-file"),
          warnings.get(0));
      assertFalse(run.stderr().contains(simulator.adminToken()), "the token is in stderr");
      assertFalse(run.stdout().contains(simulator.adminToken()), "the token is in stdout");

      AgentOutput output = AgentOutput.parse(run.stdout());
      String cluster = simulator.url().getHost();
      assertEquals(
          cluster, output.section("", "kubemon_cluster_info_v1").get("name").getAsString());
      Set<String> kinds = new TreeSet<>();
      for (String host : output.hosts().keySet()) {
        if (!host.isEmpty()) {
          assertTrue(host.contains("_" + cluster + "_"), "not named after the host: " + host);
          kinds.add(host.substring(0, host.indexOf('_')));
        }
      }
      assertEquals(Set.of("node", "pod"), kinds, "--infos nodes,pods: " + output.hosts().keySet());
    }
  }
}
