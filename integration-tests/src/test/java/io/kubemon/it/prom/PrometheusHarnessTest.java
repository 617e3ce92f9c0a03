package io.kubemon.it.prom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubemon.it.sim.cluster.GeneratedCluster;
import io.kubemon.it.sim.cluster.Usage;
import io.kubemon.it.sim.server.ApiClient;
import io.kubemon.it.sim.server.KubeSimulator;
import io.kubemon.it.sim.server.TestPaths;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Prometheus scraping the simulated kubelets, reached through the simulated service proxy. */
class PrometheusHarnessTest {
  private static KubeSimulator simulator;
  private static KubeletMetrics kubelets;
  private static PrometheusProcess prometheus;
  private static ApiClient checkmk;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    if (!PrometheusProcess.available()) {
      System.out.println("PrometheusHarnessTest skipped: " + PrometheusProcess.unavailableReason());
    }
    Assumptions.assumeTrue(PrometheusProcess.available(), PrometheusProcess.unavailableReason());
    simulator = KubeSimulator.start();
    GeneratedCluster.seed(simulator.store(), new GeneratedCluster.Spec(3, 2, 5, Instant.now()));
    simulator.apply(TestPaths.manifest("check_mk_rbac.yaml"));
    kubelets = KubeletMetrics.start(simulator.store());
    prometheus = PrometheusProcess.start(kubelets, dir);
    simulator.prometheus("check-mk", prometheus.url());
    simulator.kubelets(kubelets.url());
    ApiClient admin = new ApiClient(simulator.url(), simulator.caPem(), simulator.adminToken());
    JsonObject secret =
        JsonParser.parseString(
                admin.get("/api/v1/namespaces/check-mk/secrets/check-mk-token").body())
            .getAsJsonObject();
    String token =
        new String(
            Base64.getDecoder().decode(secret.getAsJsonObject("data").get("token").getAsString()),
            StandardCharsets.UTF_8);
    checkmk = new ApiClient(simulator.url(), simulator.caPem(), token);
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (kubelets != null) {
      kubelets.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }

  @Test
  void theNodeProxyReachesTheKubeletOnlyWithNodesProxy() throws IOException {
    String node = kubelets.nodes().get(0);
    String path = "/api/v1/nodes/" + node + "/proxy/metrics/cadvisor";
    // check_mk_rbac.yaml leaves nodes/proxy out on purpose (the kubelet route is opt-in).
    assertEquals(403, checkmk.get(path).statusCode());
    ApiClient admin = new ApiClient(simulator.url(), simulator.caPem(), simulator.adminToken());
    HttpResponse<String> response = admin.get(path);
    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("container_cpu_usage_seconds_total{"), response.body());
  }

  @Test
  void everyKubeletTargetIsUp() throws IOException {
    // 2 nodes, each scraped on /metrics/cadvisor, /metrics/resource and /metrics.
    assertEquals(6.0, prometheus.queryValue("count(up{job=\"kubelet\"} == 1)"));
  }

  /**
   * Each node's node-exporter target is up and its series carry the node: as many CPUs as the
   * node has, the boot time the kubelet's counters started from, the kubelet pod mount the agent
   * must leave out.
   */
  @Test
  void everyNodeExporterTargetIsUpWithItsNodesFigures() throws IOException {
    assertEquals(2.0, prometheus.queryValue("count(up{job=\"node-exporter\"} == 1)"));
    for (String node : kubelets.nodes()) {
      NodeExporterText.Node served = kubelets.nodeExporter(node);
      String sel = "{node=\"" + node + "\"}";
      assertEquals(served.cpus(),
          prometheus.queryValue("count(node_cpu_seconds_total{node=\"" + node
              + "\",mode=\"idle\"})"), node);
      assertEquals(served.bootTime(), prometheus.queryValue("node_boot_time_seconds" + sel),
          1e-3, node);
      assertEquals(served.load5(), prometheus.queryValue("node_load5" + sel), 1e-9, node);
      assertEquals(3.0, prometheus.queryValue("count(node_filesystem_size_bytes" + sel + ")"));
    }
  }

  @Test
  void irateOfTheCpuCounterIsTheContainersUsage() throws IOException {
    JsonObject pod =
        JsonParser.parseString(checkmk.get("/api/v1/namespaces/kube-system/pods").body())
            .getAsJsonObject()
            .getAsJsonArray("items")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("metadata");
    String name = pod.get("name").getAsString();
    double expected = Usage.cpuCores("kube-system", name, "agent");
    // irate: a fresh Prometheus holds seconds of samples, and rate() divides by the whole window.
    double rate =
        prometheus.queryValue(
            "irate(container_cpu_usage_seconds_total{metrics_path=\"/metrics/cadvisor\",pod=\""
                + name
                + "\",container=\"agent\"}[30s])");
    assertEquals(expected, rate, expected * 0.05, "irate() of " + name);
  }

  @Test
  void theServiceProxyForwardsQueriesForTheCheckmkToken() throws IOException {
    HttpResponse<String> response =
        checkmk.get(
            "/api/v1/namespaces/check-mk/services/https:prometheus:9090/proxy/api/v1/query?query=count(kubelet_volume_stats_capacity_bytes)%20or%20vector(0)");
    assertEquals(200, response.statusCode(), response.body());
    JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
    assertEquals("success", body.get("status").getAsString());
    assertTrue(body.getAsJsonObject("data").getAsJsonArray("result").size() > 0);
  }
}
