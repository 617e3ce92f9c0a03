package io.kubemon.it.flow;

import io.kubemon.it.backend.ControlPlaneBackend;
import io.kubemon.it.backend.FlowCluster;
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

  /** Pods that run at least: web, the DaemonSet's, shop/checkout, default/db. */
  static final int RUNNING = WEB_REPLICAS + NODES + 2 + 1;
  private ControlPlaneBackend cluster;

  @Override
  FlowCluster startCluster(Path work) throws Exception {
    Repository repository = Repository.locate();
    try {
      cluster = ControlPlaneBackend.start(repository.root(), work, NODES, WEB_REPLICAS);
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
    // Every pod but the crash-looping and the unschedulable one runs, the pods of our manifests'
    // Deployments too (kwok runs them; no container starts).
    cluster.awaitWorkloads(RUNNING);
    cluster.awaitUsageMetrics(RUNNING);
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
