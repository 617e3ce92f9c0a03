package io.kubemon.agent.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubemon.agent.ConfigurationException;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class UsageOptionsTest {
  @Test
  void serviceBecomesTheProxyPath() throws Exception {
    assertEquals("/api/v1/namespaces/check-mk/services/https:prometheus:9090/proxy",
        UsageOptions.PrometheusService.parse(UsageOptions.DEFAULT_PROMETHEUS_SERVICE).proxyPrefix());
  }

  @Test
  void badValuesNameTheOption() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> UsageOptions.PrometheusService.parse("prometheus:9090"));
    assertEquals("--prometheus-service must be NAMESPACE/SCHEME:NAME:PORT (e.g."
        + " check-mk/https:prometheus:9090), got \"prometheus:9090\"", e.getMessage());
    assertThrows(ConfigurationException.class, () -> UsageOptions.PromQuery.parse("only-a-name"));
    assertThrows(ConfigurationException.class, () -> UsageOptions.CustomMetric.parse("cpu"));
    ConfigurationException s = assertThrows(ConfigurationException.class,
        () -> UsageSource.parseList("prometheus,kubelets"));
    assertEquals("--usage-sources: unknown value \"kubelets\", expected any of custom-metrics,"
        + " kubelet, metrics-api, none, prometheus", s.getMessage());
  }

  @Test
  void listsParse() throws Exception {
    assertEquals(EnumSet.noneOf(UsageSource.class), UsageSource.parseList("none"));
    assertEquals(EnumSet.of(UsageSource.PROMETHEUS, UsageSource.METRICS_API),
        UsageSource.parseList("metrics-api, prometheus"));
    UsageOptions.PromQuery q = UsageOptions.PromQuery.parse("ratio|%|sum(a) / sum(b | c)");
    assertEquals("sum(a) / sum(b | c)", q.query());
    assertEquals("%", q.unit());
  }
}
