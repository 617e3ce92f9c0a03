package io.kubemon.agent.cli;

import static io.kubemon.agent.http.LocalApiServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubemon.agent.http.LocalApiServer;
import io.kubemon.agent.http.TestPki;
import io.kubemon.agent.piggyback.PiggybackNames;
import io.kubemon.agent.source.kubelet.KubeletSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole agent run with usage sources, against a local HTTPS API server. */
class UsageRunTest {
  private static final TestPki PKI = new TestPki("usage-run-ca");
  private static final String TOKEN = "usage-run-token-8f3a91";
  private static final String NODE = "{\"metadata\":{\"name\":\"n1\"},\"status\":{}}";
  private static final String POD = "{\"metadata\":{\"name\":\"web-1\",\"namespace\":\"shop\"},"
      + "\"spec\":{\"nodeName\":\"n1\",\"containers\":[{\"name\":\"web\"}]},"
      + "\"status\":{\"phase\":\"Running\"}}";

  @TempDir Path dir;
  private LocalApiServer api;
  private Path ca;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    ca = dir.resolve("ca.crt");
    Files.writeString(ca, PKI.caPem());
    api = LocalApiServer.start(PKI.localServerKeyStore(), TOKEN)
        .on("/api/v1/nodes", json(200, "{\"items\":[" + NODE + "]}"))
        .on("/api/v1/namespaces",
            json(200, "{\"items\":[{\"metadata\":{\"name\":\"shop\"},\"status\":{}}]}"))
        .on("/api/v1/pods", json(200, "{\"items\":[" + POD + "]}"))
        .on("/apis/metrics.k8s.io/v1beta1/nodes", json(200, "{\"items\":[{\"metadata\":"
            + "{\"name\":\"n1\"},\"usage\":{\"cpu\":\"487558164n\",\"memory\":\"732212Ki\"}}]}"))
        .on("/apis/metrics.k8s.io/v1beta1/pods", json(200, "{\"items\":[{\"metadata\":{\"name\":"
            + "\"web-1\",\"namespace\":\"shop\"},\"containers\":[{\"name\":\"web\",\"usage\":"
            + "{\"cpu\":\"10500m\",\"memory\":\"1Mi\"}}]}]}"));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void metricsApiUsageReachesTheNodeAndPodHostsAndTheStatusComesLast() {
    assertEquals(0, run("metrics-api"));
    Map<String, JsonObject> node = sections(PiggybackNames.host("node", "c", null, "n1"));
    assertEquals(0.487558164, node.get("kubemon_node_usage_v1").get("cpu_cores").getAsDouble());
    assertEquals(732212L * 1024,
        node.get("kubemon_node_usage_v1").get("memory_working_set_bytes").getAsLong());
    Map<String, JsonObject> pod = sections(PiggybackNames.host("pod", "c", "shop", "web-1"));
    assertEquals(10.5, pod.get("kubemon_pod_usage_v2").get("cpu_cores").getAsDouble());
    assertEquals("metrics_api", pod.get("kubemon_pod_usage_v2").get("source").getAsString());
    JsonObject namespace = sections(PiggybackNames.host("namespace", "c", null, "shop"))
        .get("kubemon_object_usage_v1");
    assertEquals(10.5, namespace.get("cpu_cores").getAsDouble(), namespace.toString());
    assertEquals(1, namespace.get("pods_with_usage").getAsInt(), namespace.toString());
    List<String> headers = out().lines()
        .filter(l -> l.startsWith("<<<") && !l.startsWith("<<<<")).toList();
    assertEquals("<<<kubemon_agent_status_v1:sep(0)>>>", headers.get(headers.size() - 1),
        "the status section comes last");
    String status = out().lines().filter(l -> l.contains("\"agent_version\"")).findFirst()
        .orElseThrow();
    assertTrue(status.contains("\"source\":\"metrics/nodes\",\"request\":\"GET"
        + " /apis/metrics.k8s.io/v1beta1/nodes\",\"state\":\"ok\""), status);
  }

  @Test
  void aPodHostIsOneBlockWithItsApiAndItsUsageSections() {
    assertEquals(0, run("metrics-api"));
    String pod = PiggybackNames.host("pod", "c", "shop", "web-1");
    assertEquals(1, blocks(pod), out());
    Map<String, JsonObject> sections = sections(pod);
    assertTrue(sections.containsKey("kubemon_pod_info_v3"), sections.keySet().toString());
    assertTrue(sections.containsKey("kubemon_pod_usage_v2"), sections.keySet().toString());
    String node = PiggybackNames.host("node", "c", null, "n1");
    assertEquals(1, blocks(node), out());
    assertTrue(sections(node).keySet().containsAll(
        List.of("kubemon_node_info_v1", "kubemon_node_usage_v1")), out());
    String namespace = PiggybackNames.host("namespace", "c", null, "shop");
    assertEquals(1, blocks(namespace), out());
    assertTrue(sections(namespace).containsKey("kubemon_object_usage_v1"), out());
    assertEquals(1, out().lines().filter(l -> l.equals("<<<kubemon_cluster_api_v1:sep(0)>>>"))
        .count(), out());
    int cluster = sectionLine("kubemon_cluster_api_v1");
    int clusterUsage = sectionLine("kubemon_object_usage_v1");
    assertTrue(cluster < clusterUsage && out().lines().skip(cluster).limit(clusterUsage - cluster)
        .noneMatch(l -> l.startsWith("<<<<")), "the cluster's usage is in its first block");
  }

  @Test
  void aFailingUsageSourceLeavesEveryApiSectionAndTheOtherUsageSections() {
    assertEquals(0, run("none"));
    Map<String, String> apiOnly = everySection();
    stdout.reset();
    api.on("/apis/metrics.k8s.io/v1beta1/pods", json(500, "{\"kind\":\"Status\"}"));
    assertEquals(0, run("prometheus,metrics-api"));
    Map<String, String> withUsage = everySection();
    apiOnly.forEach((key, body) -> {
      if (!key.endsWith("kubemon_agent_status_v1")) {
        assertEquals(body, withUsage.get(key), key + " changed or went missing");
      }
    });
    String node = PiggybackNames.host("node", "c", null, "n1");
    assertEquals(0.487558164,
        sections(node).get("kubemon_node_usage_v1").get("cpu_cores").getAsDouble());
    assertFalse(out().contains("kubemon_pod_usage_v2"), "the failed pod list has no sections");
    JsonObject health = sections("").get("kubemon_pipeline_health_v1");
    assertFalse(health.getAsJsonObject("prometheus").get("reachable").getAsBoolean(), out());
    String status = status();
    assertTrue(status.contains("\"source\":\"metrics/pods\",\"request\":\"GET"
        + " /apis/metrics.k8s.io/v1beta1/pods\",\"state\":\"failed\",\"http_status\":500"),
        status);
    assertTrue(status.contains("\"source\":\"metrics/nodes\",\"request\":\"GET"
        + " /apis/metrics.k8s.io/v1beta1/nodes\",\"state\":\"ok\""), status);
  }

  /**
   * A usage source that hangs past half the time left does not hold the API sections back: they
   * are written without usage, and what the other list brought follows in a block of its own
   * once the deadline has cut the hung one.
   */
  @Test
  void aHungUsageSourceDoesNotHoldTheApiSectionsBack() {
    CountDownLatch release = new CountDownLatch(1);
    api.on("/apis/metrics.k8s.io/v1beta1/pods", exchange -> {
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      assertEquals(0, runWithin("6", "metrics-api"));
    } finally {
      release.countDown();
    }
    String pod = PiggybackNames.host("pod", "c", "shop", "web-1");
    assertTrue(sections(pod).containsKey("kubemon_pod_info_v3"), out());
    assertFalse(out().contains("kubemon_pod_usage_v2"), out());
    String node = PiggybackNames.host("node", "c", null, "n1");
    assertEquals(2, blocks(node), "API block, then the usage block: " + out());
    List<String> lines = out().lines().toList();
    assertTrue(lines.lastIndexOf("<<<<" + node + ">>>>") > lines.indexOf("<<<<" + pod + ">>>>"),
        "usage follows every API block");
    assertEquals(0.487558164,
        sections(node).get("kubemon_node_usage_v1").get("cpu_cores").getAsDouble());
    String status = status();
    assertTrue(status.contains("\"source\":\"metrics/pods\",\"request\":\"GET"
        + " /apis/metrics.k8s.io/v1beta1/pods\",\"state\":\"failed\""), status);
    assertTrue(status.contains("\"anchor\":\"deadline-reached\""), status);
  }

  @Test
  void theKubeletSourceWarnsOnStderrAndCostsOnlyItsNode() {
    assertEquals(0, run("kubelet"));
    assertTrue(err().contains(KubeletSource.WARNING), err());
    assertTrue(out().contains("\"source\":\"kubelet/stats-summary:n1\",\"request\":\"GET"
        + " /api/v1/nodes/n1/proxy/stats/summary\",\"state\":\"failed\",\"http_status\":404"),
        out());
    assertTrue(out().contains("kubemon_node_info_v1"), "the API sections stay");
  }

  @Test
  void noneReadsNoMetricsApi() {
    assertEquals(0, run("none"));
    assertFalse(out().contains("kubemon_node_usage_v1"));
    assertTrue(api.received().stream().noneMatch(r -> r.pathAndQuery().contains("metrics.k8s.io")));
  }

  @Test
  void aDirectPrometheusOnAnotherOriginGetsNoToken() {
    try (LocalApiServer prometheus = LocalApiServer.start(PKI.localServerKeyStore(), "none")) {
      assertEquals(0, run("prometheus", "--prometheus-url", prometheus.url() + "/prom",
          "--prometheus-ca-file", ca.toString()));
      assertFalse(prometheus.received().isEmpty(), "Prometheus was not asked");
      assertTrue(prometheus.received().stream().allMatch(r -> r.authorization() == null),
          prometheus.received().toString());
      assertTrue(prometheus.received().get(0).pathAndQuery().startsWith("/prom/api/v1/targets"),
          prometheus.received().toString());
      assertFalse(out().contains(TOKEN) || err().contains(TOKEN));
    }
  }

  @Test
  void theTokenGoesOnlyToTheApiServersOwnOrigin() {
    URI apiServer = URI.create("https://10.0.0.5:6443");
    assertTrue(UsageRun.sameOrigin(apiServer, URI.create("https://10.0.0.5:6443/prom")));
    assertTrue(UsageRun.sameOrigin(URI.create("https://k8s.example"),
        URI.create("https://K8S.example:443/x")));
    assertFalse(UsageRun.sameOrigin(apiServer, URI.create("https://10.0.0.5:30999")));
    assertFalse(UsageRun.sameOrigin(apiServer, URI.create("http://10.0.0.5:6443")));
    assertFalse(UsageRun.sameOrigin(apiServer, URI.create("https://10.0.0.6:6443")));
  }

  private int run(String sources, String... more) {
    return runWithin("20", sources, more);
  }

  private int runWithin(String deadline, String sources, String... more) {
    List<String> argv = new java.util.ArrayList<>(List.of("--cluster-name", "c",
        "--api-server-url", api.url().toString(), "--token", TOKEN, "--ca-file", ca.toString(),
        "--usage-sources", sources, "--deadline", deadline));
    argv.addAll(List.of(more));
    return KubemonAgent.run(argv.toArray(String[]::new),
        new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8), Map.of());
  }

  /** The sections of one piggyback host, by name; every block of the host counts. */
  private Map<String, JsonObject> sections(String host) {
    Map<String, JsonObject> result = new java.util.TreeMap<>();
    String current = "";
    List<String> lines = out().lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("<<<<")) {
        current = line.substring(4, line.length() - 4);
      } else if (line.startsWith("<<<") && current.equals(host)) {
        String name = line.substring(3, line.indexOf(':'));
        result.put(name, JsonParser.parseString(lines.get(++i)).getAsJsonObject());
      }
    }
    assertFalse(result.isEmpty(), "no sections for " + host + " in\n" + out());
    return result;
  }

  /** How many blocks the host has. */
  private long blocks(String host) {
    return out().lines().filter(l -> l.equals("<<<<" + host + ">>>>")).count();
  }

  /** The line number of the section's header. */
  private int sectionLine(String name) {
    return out().lines().toList().indexOf("<<<" + name + ":sep(0)>>>");
  }

  /** "host section" → JSON line, over every block. */
  private Map<String, String> everySection() {
    Map<String, String> result = new java.util.TreeMap<>();
    String host = "";
    List<String> lines = out().lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("<<<<")) {
        host = line.substring(4, line.length() - 4);
      } else if (line.startsWith("<<<")) {
        result.put(host + " " + line.substring(3, line.indexOf(':')), lines.get(++i));
      }
    }
    return result;
  }

  private String status() {
    return out().lines().filter(l -> l.contains("\"agent_version\"")).findFirst().orElseThrow();
  }

  private String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }
}
