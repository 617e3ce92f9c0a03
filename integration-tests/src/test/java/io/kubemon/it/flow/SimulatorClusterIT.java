package io.kubemon.it.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemon.it.backend.FlowCluster;
import io.kubemon.it.backend.SimulatorBackend;
import io.kubemon.it.prom.NodeExporterText;
import io.kubemon.it.prom.PrometheusProcess;
import io.kubemon.it.sim.cluster.GeneratedCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/** The flow against the simulator: 3 generated nodes, real Prometheus where it is installed. */
class SimulatorClusterIT extends ClusterFlowIT {
  private SimulatorBackend cluster;

  @Override
  FlowCluster startCluster(Path work) throws Exception {
    boolean prometheus = PrometheusProcess.available();
    if (!prometheus) {
      System.out.println(
          "SimulatorClusterIT: usage source prometheus left out: "
              + PrometheusProcess.unavailableReason());
    }
    cluster = SimulatorBackend.start("sim", GeneratedCluster.Spec.of(42, 3, 12), work, prometheus);
    return cluster;
  }

  @Override
  String usageSources() {
    return cluster.hasPrometheus() ? "prometheus,metrics-api" : "metrics-api";
  }

  /** The simulator relays each Ready kubelet's "ok", as a real API server does. */
  @Override
  void afterKubeletHealthForbidden() throws Exception {
    cluster.apply(Repository.locate().root().resolve("manifests/check_mk_kubelet_rbac.yaml"));
    AgentProcess.Result health = agentWith("kubelet-health", List.of("--kubelet-health",
        "--monitored-objects", "nodes,pods,cronjobs,cronjobs_pods"));
    AgentOutput out = AgentOutput.parse(health.stdout());
    List<CheckRunner.Service> services = checkServices(health, "kubelet-health");
    for (String node : nodeNames()) {
      assertEquals("{\"status_code\":200,\"body\":\"ok\"}",
          String.valueOf(out.section(host("node", node), "kubemon_node_kubelet_health_v1")));
      String kubelet = summary(services, host("node", node), "Kubelet");
      assertTrue(kubelet.contains("Health check: ok"), kubelet);
    }
    // The same run asked for cronjobs_pods: the CronJobs' pods have their hosts again.
    assertFalse(cronJobPodHosts(out).isEmpty(), "no CronJob pod host with cronjobs_pods");
  }

  @Override
  NodeExporterText.Node nodeExporter(String node) {
    return cluster.hasPrometheus() ? cluster.kubelets().nodeExporter(node) : null;
  }

  @Override
  List<String> nodeNames() {
    return IntStream.range(0, 3).mapToObj(cluster.content()::nodeName).toList();
  }
}
