package io.kubemon.it.flow;

import io.kubemon.it.controlplane.Binaries;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The flow against a real Kubernetes control plane built from Go modules: kube-apiserver with
 * etcd, the controller-manager (token controller, workload controllers), the scheduler, kwok's fake
 * nodes and metrics-server behind the real aggregator. Skips with one line where Go is missing;
 * on CI ({@code CI=true}) a missing Go fails instead.
 */
class ControlPlaneClusterIT extends ClusterFlowIT {
  static final int NODES = 3;
  static final int WEB_REPLICAS = 300;
  private ControlPlaneCluster cluster;

  @Override
  FlowCluster startCluster(Path work) throws Exception {
    Repository repository = Repository.locate();
    try {
      cluster = ControlPlaneCluster.start(repository, work, NODES, WEB_REPLICAS);
    } catch (Binaries.Unavailable e) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI must run the real control plane: " + e.getMessage(), e);
      }
      System.out.println("ControlPlaneClusterIT skipped: " + e.getMessage());
      Assumptions.abort(e.getMessage());
    }
    cluster.installOperatorCrds(repository.root());
    return cluster;
  }

  @Override
  void afterManifests() throws Exception {
    // Every pod but the crash-looping one and the unschedulable one runs: web, the DaemonSet's,
    // shop/checkout, and the fake operator, Prometheus and adapter pods of our manifests.
    cluster.awaitWorkloads(WEB_REPLICAS + NODES + 2);
    cluster.awaitNodeMetrics();
  }

  @Override
  String usageSources() {
    return "metrics-api";
  }

  @Override
  List<String> nodeNames() {
    return cluster.nodeNames();
  }
}
