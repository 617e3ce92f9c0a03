package io.kubemon.it.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemon.it.backend.ControlPlaneBackend;
import io.kubemon.it.controlplane.Binaries;
import io.kubemon.it.controlplane.ControlPlane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real prometheus-operator v0.93.1 (built from its Go module) on the real control plane, run
 * with exactly the arguments of {@code manifests/prometheus-operator.yaml} and its own service
 * account's token (so our ClusterRole for it is what the API server enforces): it must reconcile
 * our Prometheus and ServiceMonitor into its generated scrape configuration, and create its own
 * kubelet Service with our labels. (Debian's Prometheus 2.42 cannot load that configuration: it
 * is built without kubernetes_sd_configs and predates v3's fields — see
 * integration-tests/README.md.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorOnControlPlaneIT {
  private final Repository repository = Repository.locate();
  private ControlPlaneBackend cluster;
  private Path work;
  private String config;

  @BeforeAll
  void bringUp() throws Exception {
    work = Files.createTempDirectory("kubemon-operator");
    try {
      cluster = ControlPlaneBackend.startEmpty(repository.root(), work, 2);
    } catch (Binaries.Unavailable e) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI must run the real control plane: " + e.getMessage(), e);
      }
      System.out.println("OperatorOnControlPlaneIT skipped: " + e.getMessage());
      Assumptions.abort(e.getMessage());
    }
    cluster.installOperatorCrds(repository.root());
    for (Path manifest : repository.manifests()) {
      cluster.apply(manifest);
    }
    config = RealOperator.start(cluster, repository, work);
  }

  @AfterAll
  void tearDown() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** One scrape job per endpoint of our kubelet ServiceMonitor: /metrics, cAdvisor, resource. */
  @Test
  void theOperatorTurnsOurServiceMonitorIntoThreeKubeletJobs() {
    Matcher jobs =
        Pattern.compile("job_name: (serviceMonitor/check-mk/kubelet/\\d+)").matcher(config);
    TreeSet<String> names = new TreeSet<>();
    while (jobs.find()) {
      names.add(jobs.group(1));
    }
    assertEquals(new TreeSet<>(List.of("serviceMonitor/check-mk/kubelet/0",
        "serviceMonitor/check-mk/kubelet/1", "serviceMonitor/check-mk/kubelet/2")), names, config);
    for (String path : List.of("/metrics", "/metrics/cadvisor", "/metrics/resource")) {
      assertTrue(config.contains("metrics_path: " + path + "\n"), path + " in\n" + config);
    }
    // The label the agent's queries select on (metrics_path="/metrics/cadvisor").
    assertTrue(config.contains("target_label: metrics_path"), config);
    // Kubelets are scraped over verified TLS with the service account's CA and token.
    assertTrue(config.contains("ca_file: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt"),
        config);
    assertTrue(!config.contains("insecure_skip_verify: true"), config);
    assertTrue(config.contains("/var/run/secrets/kubernetes.io/serviceaccount/token"), config);
  }

  /** --kubelet-service and --labels: the operator's own kubelet Service, with our label. */
  @Test
  void theOperatorKeepsItsOwnLabelledKubeletService() throws IOException {
    ControlPlane plane = cluster.plane();
    plane.awaitCluster("create the Service kube-system/kubemon-kubelet", () -> {
      try {
        plane.kubectl("-n", "kube-system", "get", "service", "kubemon-kubelet");
        return true;
      } catch (IOException e) {
        return false;
      }
    });
    String labels = plane.kubectl("-n", "kube-system", "get", "service", "kubemon-kubelet",
        "-o", "jsonpath={.metadata.labels}");
    assertTrue(labels.contains("\"app.kubernetes.io/part-of\":\"kubemon\""), labels);
    assertTrue(labels.contains("\"app.kubernetes.io/name\":\"kubelet\""), labels);
  }
}
