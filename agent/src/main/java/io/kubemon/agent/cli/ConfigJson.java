package io.kubemon.agent.cli;

import com.google.gson.GsonBuilder;
import io.kubemon.agent.http.TlsSettings;
import io.kubemon.agent.usage.UsageSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The --print-config object: one key per option (dashes become underscores), the token as
 * {@code ****}. The server-side call's round-trip test reads it.
 */
final class ConfigJson {
  private ConfigJson() {}

  static String of(AgentConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cluster_name", c.clusterName());
    m.put("cluster_host", c.clusterHost());
    m.put("api_server_url", c.apiServerUrl().toString());
    m.put("token", "****");
    m.put("token_source", c.token().source());
    if (c.token().id() != null) {
      m.put("token_id", c.token().id());
      m.put("token_store", c.token().store().toString());
    }
    if (c.token().file() != null) {
      m.put("token_file", c.token().file().toString());
    }
    m.put("ca", ca(c.tls()));
    m.put("no_cert_check", c.tls().noCertCheck());
    m.put("proxy", c.proxy().toString());
    m.put("connect_timeout", seconds(c.connectTimeout()));
    m.put("read_timeout", seconds(c.readTimeout()));
    m.put("deadline", seconds(c.deadline()));
    m.put("monitored_objects", List.copyOf(c.monitoredObjects()));
    m.put("namespace_include", regexes(c.namespaceInclude()));
    m.put("namespace_exclude", regexes(c.namespaceExclude()));
    m.put("annotation_pattern",
        c.annotationPattern() == null ? null : c.annotationPattern().pattern());
    m.put("all_annotations", c.allAnnotations());
    m.put("allow_http", c.plainHttp());
    m.put("kubelet_health", c.kubeletHealth());
    m.put("aggregation_exclude_node_roles", List.copyOf(c.aggregationExcludeNodeRoles()));
    m.put("usage_sources", c.usageSources().stream().sorted().map(UsageSource::option).toList());
    m.put("prometheus_service", c.prometheusService().toString());
    m.put("prometheus_url", c.prometheusUrl() == null ? null : c.prometheusUrl().toString());
    m.put("prometheus_ca", ca(c.prometheusTls()));
    m.put("prometheus_no_cert_check", c.prometheusTls().noCertCheck());
    m.put("promql", c.promql());
    m.put("custom_metric", c.customMetrics().stream().map(Object::toString).toList());
    m.put("kubelet_concurrency", c.kubeletConcurrency());
    m.put("page_size", c.pageSize());
    Map<String, Object> limits = new LinkedHashMap<>();
    limits.put("max_objects", c.limits().maxObjects());
    limits.put("max_pages", c.limits().maxPages());
    limits.put("max_response_mib", c.limits().maxResponseBytes() >> 20);
    limits.put("max_string_chars", c.limits().maxStringChars());
    limits.put("max_output_mib", c.limits().maxOutputBytes() >> 20);
    // Not an option of the agent: the heap its JVM got (agent_kubemon sets it, docs/agent-cli.md).
    limits.put("heap_mib", Runtime.getRuntime().maxMemory() >> 20);
    m.put("limits", limits);
    m.put("debug", c.debug());
    m.put("verbose", c.verbose());
    return new GsonBuilder().serializeNulls().disableHtmlEscaping().create().toJson(m);
  }

  /** Where the trusted CAs come from and whom they name (public data, shown in full). */
  private static Map<String, Object> ca(TlsSettings tls) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", tls.source());
    m.put("path", tls.path() == null ? null : tls.path().toString());
    m.put("subjects", tls.subjects());
    return m;
  }

  /** Whole seconds print as integers (10), as the rule stores them; fractions as decimals. */
  static Number seconds(java.time.Duration d) {
    if (d.toNanos() % 1_000_000_000L == 0) {
      return d.toSeconds();
    }
    return d.toNanos() / 1e9;
  }

  private static List<String> regexes(List<Pattern> patterns) {
    return patterns.stream().map(Pattern::pattern).toList();
  }
}
