package io.kubemon.it.flow;

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

  @Override
  NodeExporterText.Node nodeExporter(String node) {
    return cluster.hasPrometheus() ? cluster.kubelets().nodeExporter(node) : null;
  }

  @Override
  List<String> nodeNames() {
    return IntStream.range(0, 3).mapToObj(cluster.content()::nodeName).toList();
  }
}
