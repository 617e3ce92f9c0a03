package io.kubemon.agent.source.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemon.agent.status.SourceLog;
import io.kubemon.agent.usage.FakeServer;
import io.kubemon.agent.usage.LoopbackJsonSource;
import io.kubemon.agent.usage.UsageData;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

class MetricsApiSourceTest {

  private static String nodes() {
    return "{\"kind\":\"NodeMetricsList\",\"apiVersion\":\"metrics.k8s.io/v1beta1\",\"metadata\":{},"
        + "\"items\":[{\"metadata\":{\"name\":\"k3s-1\"},\"timestamp\":\"2026-11-27T03:00:00Z\","
        + "\"window\":\"20.064s\",\"usage\":{\"cpu\":\"487558164n\",\"memory\":\"732212Ki\"}}]}";
  }

  /** {@code pods} pods spread over {@code namespaces} namespaces, each with two containers. */
  private static String pods(int pods, int namespaces) {
    StringJoiner items = new StringJoiner(",");
    for (int i = 0; i < pods; i++) {
      items.add("{\"metadata\":{\"name\":\"web-" + i + "\",\"namespace\":\"ns-" + (i % namespaces)
          + "\"},\"timestamp\":\"2026-11-27T03:00:01Z\",\"window\":\"30s\",\"containers\":["
          + "{\"name\":\"app\",\"usage\":{\"cpu\":\"10500m\",\"memory\":\"64Mi\"}},"
          + "{\"name\":\"sidecar\",\"usage\":{\"cpu\":\"250u\",\"memory\":\"1.5Gi\"}}]}");
    }
    return "{\"kind\":\"PodMetricsList\",\"apiVersion\":\"metrics.k8s.io/v1beta1\",\"metadata\":{},"
        + "\"items\":[" + items + "]}";
  }

  private static UsageData read(FakeServer server, LoopbackJsonSource json, SourceLog log) {
    return new MetricsApiSource(json, log).usage();
  }

  @Test
  void quantitiesAreConvertedToCoresAndBytes() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.json(MetricsApiSource.NODES, nodes()).json(MetricsApiSource.PODS, pods(1, 1));
      UsageData d = read(server, new LoopbackJsonSource(server.base()), new SourceLog());
      Map<String, Double> node = d.findNode("k3s-1").orElseThrow();
      assertEquals(0.487558164, node.get(UsageData.CPU), 1e-15);
      assertEquals(732212.0 * 1024, node.get(UsageData.MEMORY));
      UsageData.PodUsage pod = d.findPod("ns-0", "web-0").orElseThrow();
      assertEquals(10.5, pod.container("app").get(UsageData.CPU));
      assertEquals(0.00025, pod.container("sidecar").get(UsageData.CPU), 1e-18);
      assertEquals(64.0 * 1024 * 1024 + 1.5 * 1024 * 1024 * 1024, pod.fields().get(UsageData.MEMORY));
      assertEquals(10.50025, pod.fields().get(UsageData.CPU), 1e-12);
      assertEquals(java.time.Instant.parse("2026-11-27T03:00:01Z").getEpochSecond(), d.timestamp());
    }
  }

  /** The list is streamed field by field: containers may come before the pod's name. */
  @Test
  void anItemsFieldsMayComeInAnyOrder() throws Exception {
    String pods = "{\"items\":[{\"containers\":[{\"usage\":{\"memory\":\"1Ki\",\"cpu\":2,"
        + "\"gpu\":{\"x\":[1]}},\"name\":\"app\"}],\"window\":{\"odd\":true},"
        + "\"metadata\":{\"labels\":{\"a\":\"b\"},\"namespace\":\"shop\",\"name\":\"web\"},"
        + "\"timestamp\":\"2026-11-27T03:00:01Z\"}],\"metadata\":{}}";
    try (FakeServer server = new FakeServer()) {
      server.json(MetricsApiSource.NODES, nodes()).json(MetricsApiSource.PODS, pods);
      UsageData d = read(server, new LoopbackJsonSource(server.base()), new SourceLog());
      UsageData.PodUsage pod = d.findPod("shop", "web").orElseThrow();
      assertEquals(2.0, pod.fields().get(UsageData.CPU));
      assertEquals(1024.0, pod.fields().get(UsageData.MEMORY));
    }
  }

  @Test
  void aPodWithoutANameFailsItsList() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.json(MetricsApiSource.NODES, nodes()).json(MetricsApiSource.PODS,
          "{\"items\":[{\"metadata\":{\"namespace\":\"shop\"},\"containers\":[]}]}");
      SourceLog log = new SourceLog();
      read(server, new LoopbackJsonSource(server.base()), log);
      SourceLog.Entry failed = log.entries().stream()
          .filter(e -> e.state().equals("failed")).findFirst().orElseThrow();
      assertEquals("metrics/pods", failed.source());
      assertTrue(failed.message().contains("metadata.name"), failed.message());
    }
  }

  @Test
  void requestCountDoesNotGrowWithPodsOrNamespaces() throws Exception {
    int[] counts = new int[2];
    int[][] sizes = {{3, 1}, {600, 40}};
    for (int i = 0; i < sizes.length; i++) {
      try (FakeServer server = new FakeServer()) {
        server.json(MetricsApiSource.NODES, nodes())
            .json(MetricsApiSource.PODS, pods(sizes[i][0], sizes[i][1]));
        LoopbackJsonSource json = new LoopbackJsonSource(server.base());
        UsageData d = read(server, json, new SourceLog());
        assertEquals(sizes[i][0], d.pods().size());
        counts[i] = json.requests().size();
      }
    }
    assertEquals(2, counts[0]);
    assertEquals(counts[0], counts[1]);
  }

  @Test
  void aFailingPodListCostsOnlyThePods() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.json(MetricsApiSource.NODES, nodes());
      SourceLog log = new SourceLog();
      UsageData d = read(server, new LoopbackJsonSource(server.base()), log);
      assertNotNull(d);
      assertTrue(d.findNode("k3s-1").isPresent());
      assertTrue(d.pods().isEmpty());
      SourceLog.Entry failed = log.entries().stream()
          .filter(e -> e.state().equals("failed")).findFirst().orElseThrow();
      assertEquals("metrics/pods", failed.source());
      assertEquals(404, failed.httpStatus());
      assertTrue(failed.hint().contains("metrics.k8s.io"), failed.hint());
    }
  }
}
