package io.kubemon.agent.usage;

import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.source.custommetrics.CustomMetricsSource;
import io.kubemon.agent.source.kubelet.KubeletSource;
import io.kubemon.agent.source.metrics.MetricsApiSource;
import io.kubemon.agent.source.prometheus.PrometheusSource;
import io.kubemon.agent.status.SourceLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Asks each enabled usage source once; a failing source only leaves its part empty. */
public final class UsageCollector {
  private final JsonSource api;
  private final JsonSource prometheus;
  private final String prometheusPrefix;
  private final UsageOptions options;
  private final SourceLog log;

  /**
   * @param prometheusDirect the {@code --prometheus-url} source, or null to go through the API
   *     server's service proxy
   * @param prometheusPath the direct URL's path ("" for none); ignored for the proxy
   */
  public UsageCollector(
      JsonSource api,
      JsonSource prometheusDirect,
      String prometheusPath,
      UsageOptions options,
      SourceLog log) {
    this.api = api;
    this.prometheus = prometheusDirect == null ? api : prometheusDirect;
    this.prometheusPrefix =
        prometheusDirect == null ? options.prometheusService().proxyPrefix() : prometheusPath;
    this.options = options;
    this.log = log;
  }

  public UsageResult collect(PodIndex index, Instant deadline) {
    List<UsageData> data = new ArrayList<>();
    PipelineHealth health = new PipelineHealth();
    List<NamedValue> queries = null;
    List<NamedValue> custom = null;
    if (options.enabled(UsageSource.PROMETHEUS)) {
      PrometheusSource p = new PrometheusSource(prometheus, prometheusPrefix, log);
      health.prometheus(p.health());
      if (health.prometheus().reachable()) {
        add(data, p.usage(options.rateWindow()));
        queries = p.userQueries(options.promql());
      } else {
        // Without an answer to /targets every query would fail the same way; do not send them.
        queries = options.promql().stream()
            .map(q -> NamedValue.queryError(q.name(), q.query(), q.unit(), "Prometheus unreachable"))
            .toList();
        log.skipped(PrometheusSource.USAGE, null, "Prometheus did not answer /api/v1/targets");
      }
    }
    if (options.enabled(UsageSource.KUBELET)) {
      add(data, new KubeletSource(api, options.kubeletConcurrency(), log)
          .usage(index.nodes(), deadline));
    }
    if (options.enabled(UsageSource.METRICS_API)) {
      add(data, new MetricsApiSource(api, log).usage());
    }
    if (options.enabled(UsageSource.CUSTOM_METRICS)) {
      custom = customMetrics(index, health);
    }
    unused(UsageSource.PROMETHEUS, "prometheus/query:options", !options.promql().isEmpty(),
        "--promql");
    unused(UsageSource.CUSTOM_METRICS, CustomMetricsSource.DISCOVERY + ":options",
        !options.customMetrics().isEmpty(), "--custom-metric");
    return new UsageResult(data, health, queries, custom);
  }

  private List<NamedValue> customMetrics(PodIndex index, PipelineHealth health) {
    CustomMetricsSource c = new CustomMetricsSource(api, log);
    health.adapter(c.adapter());
    Set<String> offered = c.discover();
    if (offered == null) {
      return List.of();
    }
    health.customMetricsOffered(offered.size());
    return c.values(options.customMetrics(), offered, namespacesWithPods(index));
  }

  /** Namespaces with at least one running pod: the only ones a pods metric can have values in. */
  private static Set<String> namespacesWithPods(PodIndex index) {
    Set<String> result = new TreeSet<>();
    index.pods().stream().filter(PodIndex.Pod::running).forEach(p -> result.add(p.namespace()));
    return result;
  }

  /** An option for a source that is off would be ignored silently; say so instead. */
  private void unused(UsageSource source, String id, boolean given, String option) {
    if (given && !options.enabled(source)) {
      log.skipped(id, null,
          option + " is ignored: add " + source.option() + " to --usage-sources");
    }
  }

  private static void add(List<UsageData> data, UsageData d) {
    if (d != null) {
      data.add(d);
    }
  }
}
