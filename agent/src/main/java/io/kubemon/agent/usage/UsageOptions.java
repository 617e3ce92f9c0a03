package io.kubemon.agent.usage;

import io.kubemon.agent.ConfigurationException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the usage part of a run reads (docs/agent-cli.md).
 *
 * @param sources the enabled pipelines; empty for API data only
 * @param prometheusService the service proxy target, used unless a direct Prometheus source is
 *     given to {@link UsageCollector}
 * @param promql user-defined queries ({@code --promql NAME|UNIT|QUERY})
 * @param customMetrics custom-metrics-API metrics ({@code --custom-metric RESOURCE/METRIC})
 * @param kubeletConcurrency parallel {@code /stats/summary} requests
 * @param rateWindow the PromQL range of every {@code rate()}; at least 4 scrape intervals
 */
public record UsageOptions(
    Set<UsageSource> sources,
    PrometheusService prometheusService,
    List<PromQuery> promql,
    List<CustomMetric> customMetrics,
    int kubeletConcurrency,
    String rateWindow) {

  public static final String DEFAULT_PROMETHEUS_SERVICE = "check-mk/https:prometheus:9090";
  public static final String DEFAULT_RATE_WINDOW = "5m";

  public UsageOptions {
    sources = Set.copyOf(sources);
    promql = List.copyOf(promql);
    customMetrics = List.copyOf(customMetrics);
    if (kubeletConcurrency < 1) {
      throw new IllegalArgumentException("kubeletConcurrency must be at least 1");
    }
  }

  public boolean enabled(UsageSource source) {
    return sources.contains(source);
  }

  /** {@code --prometheus-service NS/SCHEME:NAME:PORT}. */
  public record PrometheusService(String namespace, String scheme, String name, String port) {
    private static final Pattern FORM =
        Pattern.compile("([a-z0-9][a-z0-9-]*)/(https?):([a-z0-9][a-z0-9-]*):([A-Za-z0-9-]+)");

    public static PrometheusService parse(String text) throws ConfigurationException {
      Matcher m = FORM.matcher(text == null ? "" : text.strip());
      if (!m.matches()) {
        throw new ConfigurationException(
            "--prometheus-service must be NAMESPACE/SCHEME:NAME:PORT (e.g. "
                + DEFAULT_PROMETHEUS_SERVICE
                + "), got \""
                + text
                + "\"");
      }
      return new PrometheusService(m.group(1), m.group(2), m.group(3), m.group(4));
    }

    /** The API server path that proxies to Prometheus' HTTP API root. */
    public String proxyPrefix() {
      return "/api/v1/namespaces/"
          + namespace
          + "/services/"
          + scheme
          + ":"
          + name
          + ":"
          + port
          + "/proxy";
    }

    @Override
    public String toString() {
      return namespace + "/" + scheme + ":" + name + ":" + port;
    }
  }

  /** {@code --promql NAME|UNIT|QUERY}: a query that must return one number. */
  public record PromQuery(String name, String unit, String query) {
    public static PromQuery parse(String text) throws ConfigurationException {
      // The query keeps any further "|": PromQL regex matchers use it (job=~"a|b").
      String[] parts = text == null ? new String[0] : text.split("\\|", 3);
      if (parts.length != 3
          || !parts[0].strip().matches("[A-Za-z0-9_.-]+")
          || parts[2].isBlank()) {
        throw new ConfigurationException(
            "--promql must be NAME|UNIT|QUERY with NAME of letters, digits, \"_\", \".\" or"
                + " \"-\", got \"" + text + "\"");
      }
      return new PromQuery(parts[0].strip(), parts[1].strip(), parts[2].strip());
    }
  }

  /** {@code --custom-metric RESOURCE/METRIC}, e.g. {@code pods/kubemon_cpu_usage_cores}. */
  public record CustomMetric(String resource, String metric) {
    private static final Pattern FORM = Pattern.compile("(pods|nodes|namespaces)/([A-Za-z0-9_:.-]+)");

    public static CustomMetric parse(String text) throws ConfigurationException {
      Matcher m = FORM.matcher(text == null ? "" : text.strip());
      if (!m.matches()) {
        throw new ConfigurationException(
            "--custom-metric must be RESOURCE/METRIC with RESOURCE pods, nodes or namespaces,"
                + " e.g. pods/kubemon_cpu_usage_cores, got \""
                + text
                + "\"");
      }
      return new CustomMetric(m.group(1), m.group(2));
    }

    @Override
    public String toString() {
      return discoveryName();
    }

    /** The name as the adapter's discovery lists it. */
    public String discoveryName() {
      return resource + "/" + metric;
    }
  }
}
