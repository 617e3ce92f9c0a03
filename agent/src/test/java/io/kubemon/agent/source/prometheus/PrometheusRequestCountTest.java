package io.kubemon.agent.source.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.http.TextResponse;
import io.kubemon.agent.status.SourceLog;
import io.kubemon.agent.usage.FakeServer;
import io.kubemon.agent.usage.LoopbackJsonSource;
import io.kubemon.agent.usage.UsageData;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Prometheus source asks a fixed set of queries, however many pods the answers hold. */
class PrometheusRequestCountTest {
  private static final String PREFIX =
      "/api/v1/namespaces/check-mk/services/https:prometheus:9090/proxy";

  private static String vector(int pods, int namespaces) {
    StringJoiner r = new StringJoiner(",");
    for (int i = 0; i < pods; i++) {
      r.add("{\"metric\":{\"node\":\"n1\",\"namespace\":\"ns-" + (i % namespaces)
          + "\",\"pod\":\"p-" + i + "\",\"container\":\"c\",\"persistentvolumeclaim\":\"v-" + i
          + "\"},\"value\":[1764212400.5,\"" + (i + 1) + "\"]}");
    }
    return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + r + "]}}";
  }

  private static int requests(int pods, int namespaces) throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.json(PREFIX + "/api/v1/query", vector(pods, namespaces));
      LoopbackJsonSource json = new LoopbackJsonSource(server.base());
      UsageData d = new PrometheusSource(json, PREFIX, new SourceLog()).usage("5m");
      assertEquals(pods, d.pods().size());
      return json.requests().size();
    }
  }

  @Test
  void queriesDoNotGrowWithPodsOrNamespaces() throws Exception {
    int few = requests(2, 1);
    int many = requests(500, 50);
    assertEquals(UsageQueries.all("5m").size(), few);
    assertEquals(few, many);
  }

  @Test
  void anUnreachablePrometheusCostsOneRequest() throws Exception {
    try (FakeServer server = new FakeServer()) {
      LoopbackJsonSource json = new LoopbackJsonSource(server.base());
      SourceLog log = new SourceLog();
      assertNull(new PrometheusSource(json, PREFIX, log).usage("5m"));
      assertEquals(1, json.requests().size());
      assertTrue(json.requests().get(0).startsWith(PREFIX + "/api/v1/query?query=sum%20by%20"),
          json.requests().get(0));
      assertEquals("failed", log.entries().get(0).state());
    }
  }

  @Test
  void theQueriesAfterTheFirstOverlapAndKeepTheirFields() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.json(PREFIX + "/api/v1/query", vector(3, 1));
      LoopbackJsonSource loopback = new LoopbackJsonSource(server.base());
      AtomicInteger inFlight = new AtomicInteger();
      AtomicInteger most = new AtomicInteger();
      JsonSource slow = new JsonSource() {
        @Override
        public <T> T getJson(String path, BodyReader<T> reader) throws SourceException {
          most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            Thread.sleep(50);
            return loopback.getJson(path, reader);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          } finally {
            inFlight.decrementAndGet();
          }
        }

        @Override
        public TextResponse getText(String path, int maxBodyChars) {
          throw new UnsupportedOperationException(path);
        }
      };
      UsageData parallel = new PrometheusSource(slow, PREFIX, new SourceLog()).usage("5m");
      assertEquals(PrometheusSource.CONCURRENT_QUERIES, most.get());
      UsageData direct = new PrometheusSource(new LoopbackJsonSource(server.base()), PREFIX,
          new SourceLog()).usage("5m");
      assertEquals(direct.pods().keySet(), parallel.pods().keySet());
      direct.pods().forEach((key, pod) -> assertEquals(pod.fields(),
          parallel.pods().get(key).fields(), key.toString()));
    }
  }

  @Test
  void nanSamplesAreLeftOut() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.json(PREFIX + "/api/v1/query", "{\"status\":\"success\",\"data\":{\"resultType\":"
          + "\"vector\",\"result\":[{\"metric\":{\"namespace\":\"a\",\"pod\":\"b\"},"
          + "\"value\":[1764212400,\"NaN\"]}]}}");
      UsageData d = new PrometheusSource(new LoopbackJsonSource(server.base()), PREFIX,
          new SourceLog()).usage("5m");
      assertTrue(d.pods().isEmpty());
    }
  }
}
