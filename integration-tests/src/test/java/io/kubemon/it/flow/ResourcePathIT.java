package io.kubemon.it.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.stream.JsonReader;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.http.TextResponse;
import io.kubemon.agent.source.prometheus.PrometheusSource;
import io.kubemon.agent.status.SourceLog;
import io.kubemon.agent.usage.UsageData;
import io.kubemon.it.backend.SimulatorBackend;
import io.kubemon.it.prom.PrometheusProcess;
import io.kubemon.it.sim.cluster.GeneratedCluster;
import io.kubemon.it.sim.cluster.Resource;
import io.kubemon.it.sim.cluster.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The simulator's kubelets serve {@code container_cpu_usage_seconds_total} and {@code
 * container_memory_working_set_bytes} on both {@code /metrics/cadvisor} and {@code
 * /metrics/resource}, as real kubelets do, and the real Prometheus scrapes both with a {@code
 * metrics_path} label, as the kubelet ServiceMonitor does. The agent's figures equal the values
 * served; the same sums without the {@code metrics_path} selector (the queries before issue 13)
 * are twice the served values, which is why the selector is there.
 *
 * <p>Memory is a gauge and is compared exactly, through the agent process as a site runs it. CPU
 * is a rate: the agent's fixed 5 minute window reads low on a fresh Prometheus, so its CPU figures
 * are compared through the agent's own {@link PrometheusSource} with a window this test has
 * filled with scrapes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourcePathIT {
  private static final String CLUSTER = "paths";
  private static final int WINDOW_SECONDS = 20;
  /** The container selector of the usage queries before issue 13: no metrics_path. */
  private static final String UNSELECTED = "{container!=\"\",pod!=\"\"}";

  private static final String SELECTED =
      "{metrics_path=\"/metrics/cadvisor\",container!=\"\",pod!=\"\"}";

  private final Repository repository = Repository.locate();
  private SimulatorBackend cluster;
  private PrometheusProcess prometheus;
  private Path work;
  private AgentOutput output;
  private UsageData fromSource;
  private final SourceLog log = new SourceLog();
  /** Running pods on the simulated kubelets: namespace/name → their containers. */
  private final Map<List<String>, List<String>> pods = new HashMap<>();

  private final Map<List<String>, JsonObject> podObjects = new HashMap<>();

  @BeforeAll
  void start() throws Exception {
    if (!PrometheusProcess.available()) {
      System.out.println("ResourcePathIT skipped: " + PrometheusProcess.unavailableReason());
    }
    Assumptions.assumeTrue(PrometheusProcess.available(), PrometheusProcess.unavailableReason());
    String missing = new AgentProcess(repository).missing();
    assertTrue(missing == null, missing);
    work = Files.createTempDirectory("kubemon-paths");
    cluster = SimulatorBackend.start(CLUSTER, GeneratedCluster.Spec.of(13, 2, 6), work, true);
    prometheus = cluster.prometheus();
    cluster.apply(repository.root().resolve("manifests/check_mk_rbac.yaml"));
    cluster
        .simulator()
        .store()
        .forEach(
            Resource.PODS,
            p -> {
              JsonObject status = p.getAsJsonObject("status");
              if (status != null
                  && status.has("phase")
                  && status.get("phase").getAsString().equals("Running")
                  && p.getAsJsonObject("spec").has("nodeName")) {
                JsonObject meta = p.getAsJsonObject("metadata");
                List<String> key =
                    List.of(meta.get("namespace").getAsString(), meta.get("name").getAsString());
                List<String> containers = new ArrayList<>();
                p.getAsJsonObject("spec").getAsJsonArray("containers").forEach(
                    c -> containers.add(c.getAsJsonObject().get("name").getAsString()));
                pods.put(key, containers);
                podObjects.put(key, p);
              }
            });
    assertFalse(pods.isEmpty(), "no running pod in the generated cluster");

    Map<String, String> secret = cluster.secretData("check-mk", "check-mk-token");
    Path ca = Files.writeString(work.resolve("ca.crt"), secret.get("ca.crt"));
    Path token = AgentProcess.writeToken(work.resolve("token"), secret.get("token"));
    AgentProcess.Result run =
        new AgentProcess(repository)
            .run(
                AgentProcess.siteArguments(
                    CLUSTER, cluster.apiServer().toString(), token, ca, "prometheus"),
                work);
    assertEquals(0, run.exitCode(), run.stderr());
    output = AgentOutput.parse(run.stdout());

    awaitHistory(WINDOW_SECONDS);
    fromSource = new PrometheusSource(new DirectJson(prometheus.url()), "", log)
        .usage(WINDOW_SECONDS + "s");
    assertNotNull(fromSource, () -> "no usage from Prometheus: " + log.entries());
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void bothKubeletPathsServeTheSameContainersWithTheSameWorkingSet() throws IOException {
    for (String path : List.of("/metrics/cadvisor", "/metrics/resource")) {
      double served = 0;
      for (Map.Entry<List<String>, List<String>> pod : pods.entrySet()) {
        served += podMemory(pod.getKey());
      }
      assertEquals(
          served,
          prometheus.queryValue(
              "sum(container_memory_working_set_bytes{metrics_path=\"" + path
                  + "\",container!=\"\",pod!=\"\"})"),
          "working set of every container on " + path);
    }
  }

  @Test
  void theAgentsPodAndContainerMemoryIsTheServedWorkingSet() {
    for (Map.Entry<List<String>, List<String>> pod : pods.entrySet()) {
      String ns = pod.getKey().get(0);
      String name = pod.getKey().get(1);
      JsonObject usage = output.section("pod_" + CLUSTER + "_" + ns + "_" + name,
          "kubemon_pod_usage_v2");
      assertNotNull(usage, "kubemon_pod_usage_v2 of " + ns + "/" + name);
      assertEquals("prometheus", usage.get("source").getAsString());
      assertEquals(podMemory(pod.getKey()), usage.get("memory_working_set_bytes").getAsDouble(),
          "memory of " + ns + "/" + name);
      // kubemon_pod_usage_v2 lists containers only for pods with several (else: the pod's)
      JsonObject containers = usage.getAsJsonObject("containers");
      assertEquals(pod.getValue().size() > 1, containers != null, usage.toString());
      for (String container : pod.getValue()) {
        JsonObject figures = containers == null ? usage : containers.getAsJsonObject(container);
        assertEquals(
            (double) Usage.memoryBytes(podObjects.get(pod.getKey()), container),
            figures.get("memory_working_set_bytes").getAsDouble(),
            "memory of " + ns + "/" + name + "/" + container);
      }
    }
  }

  @Test
  void theAgentsNodeMemoryIsTheKubeletsNodeWorkingSet() throws IOException {
    for (String node : cluster.kubelets().nodes()) {
      JsonObject usage = output.section("node_" + CLUSTER + "_" + node, "kubemon_node_usage_v1");
      assertNotNull(usage, "kubemon_node_usage_v1 of " + node);
      // The resource collector's node figure, the same root cgroup the agent reads from cAdvisor.
      assertEquals(
          prometheus.queryValue("node_memory_working_set_bytes{node=\"" + node + "\"}"),
          usage.get("memory_working_set_bytes").getAsDouble(),
          "memory of node " + node);
    }
  }

  @Test
  void theAgentsContainerCpuIsTheServedRate() {
    for (Map.Entry<List<String>, List<String>> pod : pods.entrySet()) {
      String ns = pod.getKey().get(0);
      String name = pod.getKey().get(1);
      UsageData.PodUsage usage = fromSource.findPod(ns, name)
          .orElseThrow(() -> new AssertionError("no usage of " + ns + "/" + name));
      for (String container : pod.getValue()) {
        double served = Usage.cpuCores(podObjects.get(pod.getKey()), container);
        Double cpu = usage.container(container).get(UsageData.CPU);
        assertNotNull(cpu, "cpu of " + ns + "/" + name + "/" + container);
        assertEquals(served, cpu, served * 0.05, "cpu of " + ns + "/" + name + "/" + container);
      }
    }
  }

  /** What the agent would read without the selector: every container twice. */
  @Test
  void withoutTheMetricsPathSelectorEveryContainerCountsTwice() throws IOException {
    List<String> checked = new ArrayList<>();
    for (Map.Entry<List<String>, List<String>> pod : pods.entrySet()) {
      String ns = pod.getKey().get(0);
      String name = pod.getKey().get(1);
      String match = "namespace=\"" + ns + "\",pod=\"" + name + "\",";
      double memory = podMemory(pod.getKey());
      assertEquals(memory, prometheus.queryValue(
          "sum(container_memory_working_set_bytes" + SELECTED.replace("{", "{" + match) + ")"));
      assertEquals(2 * memory, prometheus.queryValue(
          "sum(container_memory_working_set_bytes" + UNSELECTED.replace("{", "{" + match) + ")"),
          "unselected working set of " + ns + "/" + name);
      double cores = 0;
      for (String container : pod.getValue()) {
        cores += Usage.cpuCores(podObjects.get(pod.getKey()), container);
      }
      // irate: the last two scrapes of each series, whatever the history.
      double unselected = prometheus.queryValue("sum(irate(container_cpu_usage_seconds_total"
          + UNSELECTED.replace("{", "{" + match) + "[30s]))");
      assertEquals(2 * cores, unselected, 2 * cores * 0.05, "unselected cpu of " + ns + "/" + name);
      checked.add(ns + "/" + name);
    }
    assertEquals(pods.size(), checked.size());
  }

  /** The working set the kubelets serve for a pod: its containers' sum. */
  private double podMemory(List<String> pod) {
    double bytes = 0;
    for (String container : pods.get(pod)) {
      bytes += Usage.memoryBytes(podObjects.get(pod), container);
    }
    return bytes;
  }

  private void awaitHistory(int seconds) throws IOException, InterruptedException {
    String query = "min(count_over_time(up{job=\"kubelet\"}[" + seconds + "s]))";
    for (int i = 0; i < 8 * seconds; i++) {
      double scrapes = prometheus.queryValue(query);
      if (!Double.isNaN(scrapes) && scrapes >= seconds) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("Prometheus did not scrape every kubelet for " + seconds + " s");
  }

  /** Prometheus' API read directly on loopback, the way the agent reads a direct URL. */
  private static final class DirectJson implements JsonSource {
    private final URI base;
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DirectJson(URI base) {
      this.base = base;
    }

    @Override
    public <T> T getJson(String pathAndQuery, BodyReader<T> reader) throws SourceException {
      String request = "GET " + pathAndQuery.replaceAll("\\?.*", "");
      try {
        HttpResponse<InputStream> r = http.send(
            HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(20)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = r.body()) {
          if (r.statusCode() != 200) {
            throw new SourceException(request, r.statusCode(), request + " answered HTTP "
                + r.statusCode(), null, null);
          }
          return reader.read(new JsonReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
        }
      } catch (IOException e) {
        throw new SourceException(request, null, request + ": " + e.getMessage(), null, null, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceException(request, null, request + " interrupted", null, null, e);
      }
    }

    @Override
    public TextResponse getText(String pathAndQuery, int maxBodyChars) {
      throw new UnsupportedOperationException("the usage queries read JSON only");
    }
  }
}
