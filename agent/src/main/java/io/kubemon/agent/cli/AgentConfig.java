package io.kubemon.agent.cli;

import io.kubemon.agent.http.Limits;
import io.kubemon.agent.http.ProxySetting;
import io.kubemon.agent.http.TlsSettings;
import io.kubemon.agent.secret.Secret;
import io.kubemon.agent.source.kube.KubeOptions;
import io.kubemon.agent.usage.UsageOptions;
import io.kubemon.agent.usage.UsageOptions.CustomMetric;
import io.kubemon.agent.usage.UsageOptions.PromQuery;
import io.kubemon.agent.usage.UsageOptions.PrometheusService;
import io.kubemon.agent.usage.UsageSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated command line (docs/agent-cli.md); built by {@link ConfigValidator}. {@code
 * warnings} are lines the agent prints once on stderr: the command line works, but is unwise.
 */
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
    boolean allAnnotations,
    Set<String> aggregationExcludeNodeRoles,
    Set<UsageSource> usageSources,
    PrometheusService prometheusService,
    URI prometheusUrl,
    TlsSettings prometheusTls,
    List<PromQuery> promql,
    List<CustomMetric> customMetrics,
    int kubeletConcurrency,
    boolean kubeletHealth,
    int pageSize,
    Limits limits,
    boolean debug,
    boolean verbose,
    List<String> warnings) {

  /**
   * Where the token comes from; only {@code argument} holds it, the others are read after
   * validation so --print-config never touches a secret.
   */
  public record TokenOption(String source, String id, Path store, Path file, Secret plain) {}

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
        clock,
        pageSize,
        limits,
        allAnnotations,
        kubeletHealth);
  }

  /** An http:// API server (--allow-http): the token travels in clear. */
  public boolean plainHttp() {
    return "http".equals(apiServerUrl.getScheme());
  }

  public UsageOptions usageOptions() {
    return new UsageOptions(
        usageSources,
        prometheusService,
        promql,
        customMetrics,
        kubeletConcurrency,
        UsageOptions.DEFAULT_RATE_WINDOW);
  }
}
