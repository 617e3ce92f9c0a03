package io.kubemon.agent.usage;

import static io.kubemon.agent.usage.SectionJson.fields;
import static io.kubemon.agent.usage.SectionJson.head;
import static io.kubemon.agent.usage.SectionJson.leanFields;
import static io.kubemon.agent.usage.SectionJson.merge;

import com.google.gson.JsonObject;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.output.SectionWriter;
import io.kubemon.agent.status.SourceLog;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes the usage sections (docs/sections.md, "Usage sections"): the cluster's in the cluster
 * block, every other in its object's piggyback block. An object gets a section only when it is
 * monitored (it has a host name) and some source has data for it.
 */
public final class UsageReport {
  private UsageReport() {}

  private static final String[] NODE_FIELDS = {
    UsageData.CPU, UsageData.MEMORY, UsageData.RX, UsageData.TX,
    UsageData.FS_USED, UsageData.FS_CAPACITY
  };
  private static final String[] POD_FIELDS = {
    UsageData.CPU, UsageData.MEMORY, UsageData.THROTTLED, UsageData.OOM_KILLS,
    UsageData.RX, UsageData.TX
  };
  private static final String[] CLAIM_FIELDS = {UsageData.USED, UsageData.CAPACITY, UsageData.AVAILABLE};

  /**
   * Reads the enabled sources and writes their sections. Never throws for a failing source.
   *
   * @param prometheusDirect the {@code --prometheus-url} source, or null for the service proxy
   * @param prometheusPath the URL's path for a direct source ("" for none)
   * @param deadline when the whole run must end; the kubelet source stops waiting then
   * @return what the sources delivered, for the writers of other sections
   */
  public static UsageResult write(
      JsonSource api,
      JsonSource prometheusDirect,
      String prometheusPath,
      UsageOptions options,
      Instant deadline,
      PodIndex index,
      HostNames hosts,
      SourceLog log,
      SectionWriter out) {
    UsageResult result =
        new UsageCollector(api, prometheusDirect, prometheusPath, options, log)
            .collect(index, deadline);
    out.beginWriting(java.time.Duration.ofMillis(300)); // as KubeReport.WRITE_GRACE
    write(result, index, hosts, out);
    return result;
  }

  public static void write(UsageResult result, PodIndex index, HostNames hosts, PrintStream out) {
    write(result, index, hosts, new SectionWriter(out));
  }

  /** As above through the run's one writer (docs/sections.md: one writer for all sections). */
  public static void write(
      UsageResult result, PodIndex index, HostNames hosts, SectionWriter out) {
    writeCluster(result, index, out);
    for (String node : index.nodes()) {
      hosts.node(node).ifPresent(h -> writeNode(result, node, h, out));
    }
    for (PodIndex.Pod pod : index.pods()) {
      hosts.pod(pod.namespace(), pod.name()).ifPresent(h -> {
        if (!out.leaveOutIfLate()) { // past the deadline: not even built
          writePod(result, pod, h, out);
        }
      });
    }
    writeWorkloadClaims(result, index, hosts, out);
    for (ObjectUsage.Sum sum : ObjectUsage.sums(result, index, hosts)) {
      if (!sum.host().isEmpty()) {
        out.beginHost(sum.host());
        out.section("kubemon_object_usage_v1", sum.json());
        out.endHost();
      }
    }
  }

  private static void writeCluster(UsageResult result, PodIndex index, SectionWriter out) {
    out.beginHost("");
    if (!result.health().empty()) {
      out.section("kubemon_pipeline_health_v1", PipelineJson.health(result.health()));
    }
    if (result.queries() != null) {
      out.section("kubemon_prometheus_query_v1", PipelineJson.queries(result.queries()));
    }
    if (result.customMetrics() != null) {
      out.section("kubemon_custom_metrics_v1", PipelineJson.customMetrics(result.customMetrics()));
    }
    // Cluster-wide usage is written here; ObjectUsage skips the cluster's empty host name.
    ObjectUsage.cluster(result, index).ifPresent(o -> out.section("kubemon_object_usage_v1", o));
    out.endHost();
  }

  private static void writeNode(UsageResult result, String node, String h, SectionWriter out) {
    first(result, d -> d.findNode(node)).ifPresent(d -> {
      out.beginHost(h);
      JsonObject o = head(d);
      merge(o, fields(d.findNode(node).orElseThrow(), NODE_FIELDS));
      out.section("kubemon_node_usage_v1", o);
      out.endHost();
    });
  }

  private static void writePod(
      UsageResult result, PodIndex.Pod pod, String h, SectionWriter out) {
    Optional<UsageData> d = first(result, x -> x.findPod(pod.namespace(), pod.name()));
    boolean anyClaim = pod.claims().stream()
        .anyMatch(c -> first(result, x -> x.findClaim(pod.namespace(), c)).isPresent());
    if (d.isEmpty() && !anyClaim) {
      return;
    }
    out.beginHost(h);
    d.ifPresent(data -> out.section("kubemon_pod_usage_v2", podJson(data, pod)));
    if (anyClaim) {
      out.section("kubemon_pvc_usage_v1", claimsJson(result, pod.namespace(), pod.claims()));
    }
    out.endHost();
  }

  /** Workload kinds whose hosts show their pods' PVCs, as agent_kube's do. */
  private static final Set<String> CLAIM_OWNERS =
      Set.of("Deployment", "DaemonSet", "StatefulSet");

  /**
   * {@code kubemon_pvc_usage_v1} on each Deployment, DaemonSet and StatefulSet host: the volume
   * statistics of the claims its pods mount, beside the API's kubemon_pod_pvcs_v1 there.
   */
  private static void writeWorkloadClaims(
      UsageResult result, PodIndex index, HostNames hosts, SectionWriter out) {
    Map<String, Claims> byHost = new LinkedHashMap<>();
    for (PodIndex.Pod pod : index.pods()) {
      for (PodIndex.Owner o : pod.controllers()) {
        if (CLAIM_OWNERS.contains(o.kind()) && !pod.claims().isEmpty()) {
          hosts.controller(pod.namespace(), o.kind(), o.name()).ifPresent(h -> byHost
              .computeIfAbsent(h, k -> new Claims(pod.namespace(), new LinkedHashSet<>()))
              .names().addAll(pod.claims()));
        }
      }
    }
    byHost.forEach((h, claims) -> {
      List<String> names = List.copyOf(claims.names());
      boolean anyClaim = names.stream()
          .anyMatch(c -> first(result, x -> x.findClaim(claims.namespace(), c)).isPresent());
      if (anyClaim && !out.leaveOutIfLate()) {
        out.beginHost(h);
        out.section("kubemon_pvc_usage_v1", claimsJson(result, claims.namespace(), names));
        out.endHost();
      }
    });
  }

  private record Claims(String namespace, Set<String> names) {}

  private static JsonObject podJson(UsageData data, PodIndex.Pod pod) {
    UsageData.PodUsage usage = data.findPod(pod.namespace(), pod.name()).orElseThrow();
    JsonObject o = head(data);
    if (o.get("timestamp").isJsonNull()) {
      o.remove("timestamp");
    }
    merge(o, leanFields(usage.fields(), POD_FIELDS));
    JsonObject containers = new JsonObject();
    usage.containers().forEach((name, values) ->
        containers.add(name, leanFields(values, UsageData.CPU, UsageData.MEMORY)));
    // A single container's figures are the pod's own: left out (docs/sections.md).
    if (containers.size() > 1) {
      o.add("containers", containers);
    }
    return o;
  }

  private static JsonObject claimsJson(
      UsageResult result, String namespace, List<String> names) {
    JsonObject claims = new JsonObject();
    UsageData source = null;
    for (String c : names) {
      Optional<UsageData> d = first(result, x -> x.findClaim(namespace, c));
      if (d.isPresent()) {
        source = source == null ? d.get() : source;
        claims.add(c, fields(d.get().findClaim(namespace, c).orElseThrow(), CLAIM_FIELDS));
      }
    }
    JsonObject o = head(source);
    o.add("claims", claims);
    return o;
  }

  /** The most trusted source that has the object. */
  static Optional<UsageData> first(
      UsageResult result, Function<UsageData, Optional<?>> find) {
    for (UsageData d : result.data()) {
      if (find.apply(d).isPresent()) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
