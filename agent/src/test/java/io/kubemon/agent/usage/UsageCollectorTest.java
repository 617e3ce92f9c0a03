package io.kubemon.agent.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemon.agent.source.RequestCatalogue;
import io.kubemon.agent.status.SourceLog;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** All sources through one fake API server: each failure stays in its own part. */
class UsageCollectorTest {
  private static final String PROXY =
      "/api/v1/namespaces/check-mk/services/https:prometheus:9090/proxy";
  private static final PodIndex INDEX = new PodIndex() {
    @Override
    public List<Pod> pods() {
      return List.of(new Pod("shop", "web-1", "n1", true, List.of(), List.of()));
    }

    @Override
    public List<String> nodes() {
      return List.of("n1");
    }

    @Override
    public List<String> namespaces() {
      return List.of("shop");
    }
  };

  private static UsageOptions options(Set<UsageSource> sources) throws Exception {
    return new UsageOptions(sources,
        UsageOptions.PrometheusService.parse(UsageOptions.DEFAULT_PROMETHEUS_SERVICE),
        List.of(UsageOptions.PromQuery.parse("q||sum(up)")),
        List.of(UsageOptions.CustomMetric.parse("pods/kubemon_cpu_usage_cores")), 2, "5m");
  }

  @Test
  void prometheusDownCostsOnlyPrometheus() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.json("/apis/metrics.k8s.io/v1beta1/nodes", "{\"items\":[{\"metadata\":{\"name\":\"n1\"},"
              + "\"usage\":{\"cpu\":\"250m\",\"memory\":\"1Gi\"}}]}")
          .json("/apis/metrics.k8s.io/v1beta1/pods", "{\"items\":[]}")
          .json("/apis/custom.metrics.k8s.io/v1beta1", "{\"resources\":[]}");
      LoopbackJsonSource api = new LoopbackJsonSource(server.base());
      SourceLog log = new SourceLog();
      UsageResult r = new UsageCollector(api, null, "", options(EnumSet.allOf(UsageSource.class)), log).collect(INDEX, Instant.now().plusSeconds(5));
      assertFalse(r.health().prometheus().reachable());
      assertEquals("Prometheus unreachable", r.queries().get(0).error());
      assertEquals(1, api.requests().stream().filter(p -> p.startsWith(PROXY)).count(),
          "only /targets may be asked of an unreachable Prometheus");
      assertEquals(List.of(UsageSource.METRICS_API), r.data().stream().map(UsageData::source).toList());
      assertEquals(0.25, r.data().get(0).findNode("n1").orElseThrow().get(UsageData.CPU));
      assertEquals(0, r.health().customMetricsOffered());
      assertTrue(r.customMetrics().get(0).error().contains("not offered"));
      assertTrue(log.entries().stream().anyMatch(
          e -> e.source().equals("kubelet/stats-summary:n1") && e.state().equals("failed")));
    }
  }

  @Test
  void everyStatusIdIsACatalogueRequest() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.json("/apis/custom.metrics.k8s.io/v1beta1", "{\"resources\":[{\"name\":"
          + "\"pods/kubemon_cpu_usage_cores\"}]}");
      SourceLog log = new SourceLog();
      new UsageCollector(new LoopbackJsonSource(server.base()), null, "",
          options(EnumSet.allOf(UsageSource.class)), log).collect(INDEX, Instant.now().plusSeconds(5));
      Set<String> catalogue = RequestCatalogue.all().stream()
          .map(RequestCatalogue.Entry::source).collect(Collectors.toSet());
      Set<String> used = log.entries().stream()
          .map(e -> e.source().replaceFirst(":.*", "")).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(Set.of(), used.stream().filter(id -> !catalogue.contains(id))
          .collect(Collectors.toSet()), "status ids missing from the catalogue");
      assertEquals(new TreeSet<>(List.of("custom-metrics/pods/kubemon_cpu_usage_cores",
          "kubelet/stats-summary", "metrics/nodes", "metrics/pods", "pipeline/apiservice",
          "pipeline/custom-metrics", "prometheus/query", "prometheus/targets")), used);
    }
  }

  @Test
  void noSourcesAskNothing() throws Exception {
    try (FakeServer server = new FakeServer()) {
      LoopbackJsonSource api = new LoopbackJsonSource(server.base());
      SourceLog log = new SourceLog();
      UsageResult r = new UsageCollector(api, null, "", options(Set.of()), log)
          .collect(INDEX, Instant.now().plusSeconds(5));
      assertTrue(api.requests().isEmpty());
      assertEquals("--promql is ignored: add prometheus to --usage-sources",
          log.entries().get(0).message());
      assertTrue(r.health().empty());
      assertNull(r.queries());
    }
  }

  @Test
  void aDirectPrometheusIsAskedWithItsOwnPath() throws Exception {
    try (FakeServer api = new FakeServer(); FakeServer prom = new FakeServer()) {
      prom.json("/prom/api/v1/targets", "{\"status\":\"success\",\"data\":{\"activeTargets\":["
              + "{\"labels\":{\"job\":\"kubelet\",\"instance\":\"n1\"},\"health\":\"up\"}]}}")
          .json("/prom/api/v1/query", "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
              + "\"result\":[1795748400,\"42\"]}}");
      LoopbackJsonSource direct = new LoopbackJsonSource(prom.base());
      LoopbackJsonSource kube = new LoopbackJsonSource(api.base());
      UsageResult r = new UsageCollector(kube, direct, "/prom", options(Set.of(UsageSource.PROMETHEUS)),
          new SourceLog()).collect(INDEX, Instant.now().plusSeconds(5));
      assertTrue(kube.requests().isEmpty());
      assertEquals(42.0, r.queries().get(0).value());
      assertEquals(1, r.health().prometheus().targetsUp());
    }
  }
}
