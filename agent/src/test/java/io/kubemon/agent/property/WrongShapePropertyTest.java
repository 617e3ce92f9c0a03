package io.kubemon.agent.property;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.kubemon.agent.ConfigurationException;
import io.kubemon.agent.http.Deadline;
import io.kubemon.agent.http.HttpJsonSource;
import io.kubemon.agent.http.HttpSettings;
import io.kubemon.agent.http.LocalApiServer;
import io.kubemon.agent.http.ProxySetting;
import io.kubemon.agent.http.TestPki;
import io.kubemon.agent.http.TlsSettings;
import io.kubemon.agent.secret.Secret;
import io.kubemon.agent.source.custommetrics.CustomMetricsSource;
import io.kubemon.agent.source.kubelet.KubeletSource;
import io.kubemon.agent.source.metrics.MetricsApiSource;
import io.kubemon.agent.source.prometheus.PrometheusSource;
import io.kubemon.agent.status.SourceLog;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Valid JSON of the wrong shape (the fields the sources read, holding anything) from every usage
 * endpoint, over the real HTTPS client: no source throws, each logs its outcome with one line.
 */
class WrongShapePropertyTest {
  private static final String TOKEN = "wrong-shape-token";
  private static final String PROMETHEUS = "/prom";
  private static final List<String> PATHS =
      List.of(
          "/apis/metrics.k8s.io/v1beta1/nodes",
          "/apis/metrics.k8s.io/v1beta1/pods",
          "/apis/custom.metrics.k8s.io/v1beta1",
          "/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.custom.metrics.k8s.io",
          PROMETHEUS + "/api/v1/targets",
          PROMETHEUS + "/api/v1/query",
          "/api/v1/nodes/n1/proxy/stats/summary");
  private static final List<String> FIELDS =
      List.of(
          "items",
          "metadata",
          "name",
          "namespace",
          "usage",
          "cpu",
          "memory",
          "containers",
          "resources",
          "status",
          "conditions",
          "type",
          "data",
          "activeTargets",
          "health",
          "labels",
          "result",
          "value",
          "node",
          "nodeName",
          "pods",
          "podRef",
          "timestamp",
          "window",
          "describedObject",
          "metricName",
          "usageNanoCores",
          "workingSetBytes",
          "time",
          "volume",
          "pvcRef",
          "usedBytes",
          "capacityBytes",
          "resultType",
          "metric",
          "job");

  private static final TestPki PKI = new TestPki("wrong-shape-ca");
  private static final AtomicReference<String> BODY = new AtomicReference<>("{}");
  private static LocalApiServer server;
  private static HttpJsonSource api;

  @BeforeContainer
  static void start() {
    server = LocalApiServer.start(PKI.localServerKeyStore(), TOKEN);
    for (String path : PATHS) {
      server.on(
          path, exchange -> LocalApiServer.send(exchange, 200, "application/json", BODY.get()));
    }
    api =
        new HttpJsonSource(
            settings(), Secret.of(TOKEN), Deadline.after(Duration.ofMinutes(10)), Map.of());
  }

  @AfterContainer
  static void stop() throws IOException {
    api.close();
    server.close();
  }

  private static TlsSettings tls() {
    try {
      return TlsSettings.fromInline("--ca-cert", PKI.caPem());
    } catch (ConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Provide
  Arbitrary<JsonElement> bodies() {
    return json(4).filter(JsonElement::isJsonObject);
  }

  private Arbitrary<JsonElement> json(int depth) {
    Arbitrary<JsonElement> leaf =
        Arbitraries.oneOf(
            Arbitraries.just(JsonNull.INSTANCE),
            Arbitraries.of(true, false).map(JsonPrimitive::new),
            Arbitraries.of("100m", "1Gi", "", "x", "2026-11-27T00:00:00Z", "NaN", "-1", "1e999")
                .map(JsonPrimitive::new),
            Arbitraries.bigDecimals()
                .between(new BigDecimal("-1e20"), new BigDecimal("1e20"))
                .map(JsonPrimitive::new));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<JsonElement> inner = Arbitraries.lazy(() -> json(depth - 1));
    Arbitrary<JsonElement> array =
        inner
            .list()
            .ofMaxSize(3)
            .map(
                list -> {
                  JsonArray a = new JsonArray();
                  list.forEach(a::add);
                  return a;
                });
    Arbitrary<JsonElement> object =
        Arbitraries.maps(Arbitraries.of(FIELDS), inner)
            .ofMaxSize(4)
            .map(
                map -> {
                  JsonObject o = new JsonObject();
                  map.forEach(o::add);
                  return o;
                });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, leaf),
        net.jqwik.api.Tuple.of(1, array),
        net.jqwik.api.Tuple.of(3, object));
  }

  @Property(tries = 40)
  void noUsageSourceThrowsOnAWrongShape(@ForAll("bodies") JsonElement body) throws Exception {
    BODY.set(body.toString());
    SourceLog log = new SourceLog();
    new MetricsApiSource(api, log).usage();
    CustomMetricsSource custom = new CustomMetricsSource(api, log);
    custom.adapter();
    custom.discover();
    PrometheusSource prometheus = new PrometheusSource(api, PROMETHEUS, log);
    prometheus.health();
    prometheus.usage("5m");
    new KubeletSource(api, 1, log).usage(List.of("n1"), Instant.now().plusSeconds(20));
    for (SourceLog.Entry e : log.entries()) {
      if (e.state().equals("failed")) {
        assertNotNull(e.message(), e.toString());
        assertFalse(e.message().contains("\n"), "more than one line: " + e);
      }
    }
  }

  private static HttpSettings settings() {
    return new HttpSettings(
        server.url(), tls(), ProxySetting.NO_PROXY, Duration.ofSeconds(5), Duration.ofSeconds(5));
  }
}
