package io.kubemon.agent.source.custommetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemon.agent.status.SourceLog;
import io.kubemon.agent.usage.FakeServer;
import io.kubemon.agent.usage.LoopbackJsonSource;
import io.kubemon.agent.usage.NamedValue;
import io.kubemon.agent.usage.PipelineHealth;
import io.kubemon.agent.usage.UsageOptions.CustomMetric;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

class CustomMetricsSourceTest {
  private static final String CPU = "kubemon_cpu_usage_cores";

  private static String discovery(String... names) {
    StringJoiner r = new StringJoiner(",");
    for (String n : names) {
      r.add("{\"name\":\"" + n + "\",\"singularName\":\"\",\"namespaced\":" + n.startsWith("pods/")
          + ",\"kind\":\"MetricValueList\",\"verbs\":[\"get\"]}");
    }
    return "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":"
        + "\"custom.metrics.k8s.io/v1beta1\",\"resources\":[" + r + "]}";
  }

  private static String values(String namespace, int pods) {
    StringJoiner r = new StringJoiner(",");
    for (int i = 0; i < pods; i++) {
      r.add("{\"describedObject\":{\"kind\":\"Pod\",\"namespace\":\"" + namespace
          + "\",\"name\":\"web-" + i + "\",\"apiVersion\":\"/v1\"},\"metricName\":\"" + CPU
          + "\",\"timestamp\":\"2026-11-27T03:00:00Z\",\"value\":\"" + (i == 0 ? "10500m" : "901m")
          + "\",\"selector\":null}");
    }
    return "{\"kind\":\"MetricValueList\",\"apiVersion\":\"custom.metrics.k8s.io/v1beta1\","
        + "\"metadata\":{},\"items\":[" + r + "]}";
  }

  private static final String APISERVICE_OK =
      "{\"kind\":\"APIService\",\"status\":{\"conditions\":[{\"type\":\"Available\","
          + "\"status\":\"True\",\"reason\":\"Passed\",\"message\":\"all checks passed\"}]}}";

  private static FakeServer adapter(int podsPerNamespace) throws Exception {
    FakeServer s = new FakeServer();
    s.json(CustomMetricsSource.GROUP, discovery("pods/" + CPU, "namespaces/" + CPU))
        .json(CustomMetricsSource.APISERVICE, APISERVICE_OK);
    for (String ns : List.of("shop", "billing")) {
      s.json(CustomMetricsSource.GROUP + "/namespaces/" + ns + "/pods/*/" + CPU,
          values(ns, podsPerNamespace));
    }
    return s;
  }

  @Test
  void valuesAreReadPerNamespaceWithExactQuantities() throws Exception {
    try (FakeServer server = adapter(3)) {
      LoopbackJsonSource json = new LoopbackJsonSource(server.base());
      CustomMetricsSource c = new CustomMetricsSource(json, new SourceLog());
      Set<String> offered = c.discover();
      List<NamedValue> v = c.values(List.of(new CustomMetric("pods", CPU)), offered,
          List.of("billing", "shop"));
      assertEquals(6, v.size());
      NamedValue first = v.get(0);
      assertEquals("Pod/web-0", first.object());
      assertEquals("billing", first.detail());
      assertEquals(10.5, first.value());
      assertEquals(0.901, v.get(1).value(), 1e-15);
      assertNull(first.error());
    }
  }

  @Test
  void requestsGrowWithNamespacesNotPods() throws Exception {
    int[] counts = new int[2];
    int[] pods = {2, 200};
    for (int i = 0; i < 2; i++) {
      try (FakeServer server = adapter(pods[i])) {
        LoopbackJsonSource json = new LoopbackJsonSource(server.base());
        CustomMetricsSource c = new CustomMetricsSource(json, new SourceLog());
        c.adapter();
        List<NamedValue> v = c.values(List.of(new CustomMetric("pods", CPU)), c.discover(),
            List.of("billing", "shop"));
        assertEquals(2 * pods[i], v.size());
        counts[i] = json.requests().size();
      }
    }
    // APIService + discovery + one per namespace.
    assertEquals(4, counts[0]);
    assertEquals(counts[0], counts[1]);
  }

  @Test
  void anAdapterWithoutMetricsSaysSo() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.json(CustomMetricsSource.GROUP, discovery());
      LoopbackJsonSource json = new LoopbackJsonSource(server.base());
      SourceLog log = new SourceLog();
      CustomMetricsSource c = new CustomMetricsSource(json, log);
      Set<String> offered = c.discover();
      assertTrue(offered.isEmpty());
      SourceLog.Entry e = log.entries().get(0);
      assertEquals("failed", e.state());
      assertEquals(
          "custom metrics API offers no metrics yet: prometheus-adapter has not discovered any"
              + " series; check its rules and that Prometheus scrapes the kubelet",
          e.message());
      List<NamedValue> v = c.values(List.of(new CustomMetric("pods", CPU)), offered, List.of("a"));
      assertEquals(1, v.size());
      assertTrue(v.get(0).error().startsWith("pods/" + CPU + " is not offered"), v.get(0).error());
      assertEquals(1, json.requests().size());
    }
  }

  @Test
  void apiServiceConditionIsReported() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.json(CustomMetricsSource.APISERVICE,
          "{\"status\":{\"conditions\":[{\"type\":\"Available\",\"status\":\"False\","
              + "\"reason\":\"FailedDiscoveryCheck\",\"message\":\"no response from https://10.43.0.9:443\"}]}}");
      PipelineHealth.Adapter a =
          new CustomMetricsSource(new LoopbackJsonSource(server.base()), new SourceLog()).adapter();
      assertEquals(Boolean.FALSE, a.available());
      assertEquals("FailedDiscoveryCheck", a.reason());
    }
  }

  @Test
  void aMissingApiServiceIsAFailureNotACrash() throws Exception {
    try (FakeServer server = new FakeServer()) {
      SourceLog log = new SourceLog();
      PipelineHealth.Adapter a =
          new CustomMetricsSource(new LoopbackJsonSource(server.base()), log).adapter();
      assertNull(a.available());
      assertEquals(404, log.entries().get(0).httpStatus());
    }
  }
}
