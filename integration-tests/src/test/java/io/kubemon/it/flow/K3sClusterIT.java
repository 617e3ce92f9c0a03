package io.kubemon.it.flow;

import io.kubemon.it.backend.FlowCluster;
import io.kubemon.it.backend.K3sBackend;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The flow against a real k3s in Docker: the same manifests, applied for real. */
@ExtendWith(DockerSkipNotice.class)
@Testcontainers(disabledWithoutDocker = true)
class K3sClusterIT extends ClusterFlowIT {
  private K3sBackend cluster;

  @Override
  FlowCluster startCluster(Path work) throws Exception {
    cluster = K3sBackend.start(work);
    cluster.applyResource("flow/workloads.yaml");
    cluster.installPrometheusOperatorCrds();
    return cluster;
  }

  @Override
  void afterManifests() throws Exception {
    cluster.awaitMonitoringStack();
    cluster.awaitCrashLoop("default", "crashy");
  }

  @Override
  String usageSources() {
    return "prometheus,metrics-api,custom-metrics";
  }

  @Override
  List<String> nodeNames() throws Exception {
    return Arrays.asList(
        cluster
            .kubectl("get", "nodes", "-o", "jsonpath={.items[*].metadata.name}")
            .trim()
            .split(" "));
  }
}
