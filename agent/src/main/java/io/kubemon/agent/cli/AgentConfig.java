package io.kubemon.agent.cli;

import io.kubemon.agent.http.ProxySetting;
import io.kubemon.agent.http.TlsSettings;
import io.kubemon.agent.secret.Secret;
import io.kubemon.agent.source.kube.KubeOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The validated command line (docs/agent-cli.md); built by {@link ConfigValidator}. */
public record AgentConfig(
    String clusterName,
    String clusterHost,
    URI apiServerUrl,
    TokenOption token,
    TlsSettings tls,
    ProxySetting proxy,
    Duration connectTimeout,
    Duration readTimeout,
    Duration deadline,
    Set<String> monitoredObjects,
    List<Pattern> namespaceInclude,
    List<Pattern> namespaceExclude,
    Pattern annotationPattern,
    Set<String> aggregationExcludeNodeRoles,
    List<String> usageSources,
    PrometheusService prometheusService,
    URI prometheusUrl,
    TlsSettings prometheusTls,
    List<PromQuery> promql,
    List<CustomMetric> customMetrics,
    int kubeletConcurrency,
    boolean debug,
    boolean verbose) {

  /**
   * Where the token comes from; only {@code argument} holds it, the others are read after
   * validation so --print-config never touches a secret.
   */
  public record TokenOption(String source, String id, Path store, Path file, Secret plain) {}

  /** {@code NAMESPACE/SCHEME:NAME:PORT}, the API server's service-proxy address of Prometheus. */
  public record PrometheusService(String namespace, String scheme, String name, String port) {
    /** The proxy path prefix: /api/v1/namespaces/NS/services/SCHEME:NAME:PORT/proxy. */
    public String proxyPath() {
      return "/api/v1/namespaces/" + namespace + "/services/" + scheme + ":" + name + ":" + port
          + "/proxy";
    }

    @Override
    public String toString() {
      return namespace + "/" + scheme + ":" + name + ":" + port;
    }
  }

  public record PromQuery(String name, String unit, String query) {}

  /** A custom-metrics-API metric: resource {@code pods}, metric {@code kubemon_cpu_usage_cores}. */
  public record CustomMetric(String resource, String metric) {
    @Override
    public String toString() {
      return resource + "/" + metric;
    }
  }

  public KubeOptions kubeOptions(Clock clock) {
    return new KubeOptions(
        clusterName,
        clusterHost,
        apiServerUrl.toString(),
        monitoredObjects,
        namespaceInclude,
        namespaceExclude,
        annotationPattern,
        aggregationExcludeNodeRoles,
        clock);
  }
}
