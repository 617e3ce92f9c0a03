package io.kubemon.agent.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UsageReportTest {
  private static final PodIndex.Owner DEPLOYMENT = new PodIndex.Owner("Deployment", "web");
  private static final List<PodIndex.Pod> PODS = List.of(
      new PodIndex.Pod("shop", "web-1", "n1", true,
          List.of(new PodIndex.Owner("ReplicaSet", "web-7d4"), DEPLOYMENT), List.of("data")),
      new PodIndex.Pod("shop", "web-2", "n1", true,
          List.of(new PodIndex.Owner("ReplicaSet", "web-7d4"), DEPLOYMENT), List.of()),
      new PodIndex.Pod("shop", "web-old", "n1", false,
          List.of(new PodIndex.Owner("ReplicaSet", "web-5c1"), DEPLOYMENT), List.of()),
      new PodIndex.Pod("shop", "nightly-29400000-x", "n1", true,
          List.of(new PodIndex.Owner("Job", "nightly-29400000"), new PodIndex.Owner("CronJob", "nightly")),
          List.of()),
      new PodIndex.Pod("shop", "only-in-metrics-api", "n1", true, List.of(), List.of()));
  private static final PodIndex INDEX = new PodIndex() {
    @Override
    public List<Pod> pods() {
      return PODS;
    }

    @Override
    public List<String> nodes() {
      return List.of("n1");
    }

    @Override
    public List<String> namespaces() {
      return List.of("shop", "idle");
    }
  };
  private static final Set<String> MONITORED_KINDS = Set.of("Deployment", "DaemonSet", "StatefulSet", "CronJob");
  private static final HostNames HOSTS = new HostNames() {
    @Override
    public Optional<String> node(String name) {
      return Optional.of("node_c_" + name);
    }

    @Override
    public Optional<String> namespace(String name) {
      return Optional.of("namespace_c_" + name);
    }

    @Override
    public Optional<String> pod(String namespace, String name) {
      return Optional.of("pod_c_" + namespace + "_" + name);
    }

    @Override
    public Optional<String> controller(String namespace, String kind, String name) {
      return MONITORED_KINDS.contains(kind)
          ? Optional.of(kind.toLowerCase() + "_c_" + namespace + "_" + name) : Optional.empty();
    }
  };

  /** host → section name → body. */
  private static final Map<String, Map<String, JsonObject>> OUT = new HashMap<>();
  private static String text;

  private static void pod(UsageData d, String name, double cpu, double memory) {
    d.pod("shop", name).container("app").put(UsageData.CPU, cpu);
    d.pod("shop", name).container("app").put(UsageData.MEMORY, memory);
  }

  @BeforeAll
  static void write() {
    UsageData prom = new UsageData(UsageSource.PROMETHEUS);
    prom.seen(1795748400L);
    pod(prom, "web-1", 0.25, 100);
    pod(prom, "web-2", 0.5, 300);
    pod(prom, "web-old", 9, 900);
    prom.pod("shop", "web-old").container("proxy").put(UsageData.CPU, 1.0);
    pod(prom, "nightly-29400000-x", 1, 50);
    prom.node("n1").put(UsageData.CPU, 2.0);
    prom.node("n1").put(UsageData.RX, Double.NaN);
    prom.claim("shop", "data").put(UsageData.USED, 5e9);
    prom.completePods();
    UsageData api = new UsageData(UsageSource.METRICS_API);
    pod(api, "web-1", 7, 7);
    pod(api, "only-in-metrics-api", 3, 30);
    api.completePods();
    PipelineHealth health = new PipelineHealth();
    health.prometheus(new PipelineHealth.Prometheus(true, 3, 0, List.of()));
    UsageResult result = new UsageResult(List.of(prom, api), health,
        List.of(NamedValue.query("down", "count(up < 1)", "", 0.0)), null);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    UsageReport.write(result, INDEX, HOSTS, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    text = bytes.toString(StandardCharsets.UTF_8);
    String host = null;
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("<<<<")) {
        host = lines[i].substring(4, lines[i].length() - 4);
      } else if (lines[i].startsWith("<<<")) {
        String name = lines[i].substring(3, lines[i].indexOf(":sep(0)>>>"));
        OUT.computeIfAbsent(host, k -> new HashMap<>())
            .put(name, JsonParser.parseString(lines[++i]).getAsJsonObject());
      }
    }
  }

  private static JsonObject section(String host, String name) {
    Map<String, JsonObject> h = OUT.get(host);
    assertTrue(h != null && h.containsKey(name), () -> "no " + name + " for " + host + " in\n" + text);
    return h.get(name);
  }

  @Test
  void objectSumsCoverOnlyRunningPods() {
    JsonObject deployment = section("deployment_c_shop_web", "kubemon_object_usage_v1");
    assertEquals(0.75, deployment.get("cpu_cores").getAsDouble());
    assertEquals(400, deployment.get("memory_working_set_bytes").getAsLong());
    assertEquals(2, deployment.get("pods_running").getAsInt());
    assertEquals(1.0, section("cronjob_c_shop_nightly", "kubemon_object_usage_v1")
        .get("cpu_cores").getAsDouble());
    JsonObject shop = section("namespace_c_shop", "kubemon_object_usage_v1");
    assertEquals(1.75, shop.get("cpu_cores").getAsDouble());
    assertEquals(4, shop.get("pods_running").getAsInt());
    assertEquals(3, shop.get("pods_with_usage").getAsInt());
    JsonObject idle = section("namespace_c_idle", "kubemon_object_usage_v1");
    assertEquals(0, idle.get("cpu_cores").getAsDouble());
    assertEquals(1.75, section("", "kubemon_object_usage_v1").get("cpu_cores").getAsDouble());
  }

  @Test
  void eachObjectTakesTheMostTrustedSourceThatHasIt() {
    JsonObject web1 = section("pod_c_shop_web-1", "kubemon_pod_usage_v2");
    assertEquals("prometheus", web1.get("source").getAsString());
    assertEquals(0.25, web1.get("cpu_cores").getAsDouble());
    // one container: its figures are the pod's, left out (v2)
    assertFalse(web1.has("containers"), web1.toString());
    JsonObject old = section("pod_c_shop_web-old", "kubemon_pod_usage_v2");
    JsonObject containers = old.getAsJsonObject("containers");
    assertEquals(9.0, containers.getAsJsonObject("app").get("cpu_cores").getAsDouble());
    assertEquals(1.0, containers.getAsJsonObject("proxy").get("cpu_cores").getAsDouble());
    // a figure the source lacks is left out, in the pod and in the container
    assertFalse(containers.getAsJsonObject("proxy").has("memory_working_set_bytes"));
    JsonObject other = section("pod_c_shop_only-in-metrics-api", "kubemon_pod_usage_v2");
    assertEquals("metrics_api", other.get("source").getAsString());
    assertFalse(other.has("timestamp"), "no sample time: left out (v2)");
  }

  @Test
  void nonFiniteAndMissingFieldsAreNull() {
    JsonObject node = section("node_c_n1", "kubemon_node_usage_v1");
    assertEquals(2, node.get("cpu_cores").getAsInt());
    assertTrue(node.get("network_rx_bytes_per_s").isJsonNull());
    assertTrue(node.get("fs_used_bytes").isJsonNull());
    assertFalse(text.contains("NaN"));
    // v2 leaves a missing figure out instead of writing null
    assertFalse(section("pod_c_shop_web-1", "kubemon_pod_usage_v2").has("oom_kills"));
    assertFalse(text.contains("kubemon_pod_usage_v2:sep(0)>>>\n{\"source\":\"prometheus\","
        + "\"timestamp\":null"));
  }

  @Test
  void claimsGoToTheirPod() {
    JsonObject pvc = section("pod_c_shop_web-1", "kubemon_pvc_usage_v1");
    assertEquals(5_000_000_000L, pvc.getAsJsonObject("claims").getAsJsonObject("data")
        .get("used_bytes").getAsLong());
    assertFalse(OUT.get("pod_c_shop_web-2").containsKey("kubemon_pvc_usage_v1"));
  }

  @Test
  void claimsGoToTheirPodsWorkloadTooAsInAgentKube() {
    assertEquals(section("pod_c_shop_web-1", "kubemon_pvc_usage_v1"),
        section("deployment_c_shop_web", "kubemon_pvc_usage_v1"));
    assertFalse(OUT.get("namespace_c_shop").containsKey("kubemon_pvc_usage_v1"));
    assertFalse(OUT.get("cronjob_c_shop_nightly").containsKey("kubemon_pvc_usage_v1"));
  }

  @Test
  void sectionLinesCannotOpenASection() {
    JsonObject q = section("", "kubemon_prometheus_query_v1");
    assertEquals("count(up < 1)", q.getAsJsonArray("queries").get(0).getAsJsonObject()
        .get("query").getAsString());
    for (String line : text.split("\n")) {
      if (!line.startsWith("<<<")) {
        assertFalse(line.contains("<") || line.contains(">"), line);
      }
    }
    assertTrue(text.contains("count(up \\u003c 1)"));
    assertEquals(3, section("", "kubemon_pipeline_health_v1").getAsJsonObject("prometheus")
        .get("targets_up").getAsInt());
    assertTrue(section("", "kubemon_pipeline_health_v1").get("adapter").isJsonNull());
  }
}
