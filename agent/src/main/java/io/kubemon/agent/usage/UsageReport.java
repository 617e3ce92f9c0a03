package io.kubemon.agent.usage;

import static io.kubemon.agent.usage.SectionJson.fields;
import static io.kubemon.agent.usage.SectionJson.head;
import static io.kubemon.agent.usage.SectionJson.leanFields;
import static io.kubemon.agent.usage.SectionJson.merge;

import com.google.gson.JsonObject;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.output.SectionWriter;
import io.kubemon.agent.status.AgentFailure;
import io.kubemon.agent.status.SourceLog;
import java.io.PrintStream;
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
 *
 * <p>A report is planned once per run: each object's usage is looked up then, keyed by host name
 * (pods by namespace and name). The API writer hands every host block it writes to {@link
 * #write(String, SectionWriter)} or {@link #pod}, which append that host's usage to the open
 * block; {@link #rest} then writes a block of their own for the hosts the API part wrote none for
 * (its writer failed, or the deadline left it out).
 */
public final class UsageReport implements HostSections {
  private static final String[] NODE_FIELDS = {
    UsageData.CPU, UsageData.MEMORY, UsageData.RX, UsageData.TX,
    UsageData.FS_USED, UsageData.FS_CAPACITY
  };
  private static final String[] POD_FIELDS = {
    UsageData.CPU, UsageData.MEMORY, UsageData.THROTTLED, UsageData.OOM_KILLS,
    UsageData.RX, UsageData.TX
  };
  private static final String[] CLAIM_FIELDS = {UsageData.USED, UsageData.CAPACITY, UsageData.AVAILABLE};

  /** What one host gets; a host is one kind of object, so one of these is set. */
  private static final class Entry {
    boolean cluster;
    String node;
    UsageData nodeData;
    NodeOs nodeOs;
    PodIndex.Pod pod;
    UsageData podData;
    boolean podClaims;
    Claims claims;
    ObjectUsage.Sum sum;
  }

  private final UsageResult result;
  private final Function<NodeOs, String> nodeOsText;
  private final HostNames hosts;
  /** Hosts whose usage is not written yet, in the order {@link #rest} writes them. */
  private final Map<String, Entry> pending = new LinkedHashMap<>();
  /**
   * Pods whose usage is not written yet, by name: their host names are built only for those
   * {@link #rest} writes (or skips: a pod without a host, such as a CronJob's).
   */
  private final Map<UsageData.Key, Entry> pods = new LinkedHashMap<>();
  private Throwable firstFailure;
  private int failures;

  /**
   * @param nodeOsText a node's operating-system sections in Checkmk's own formats, "" for none
   *     (the section layer's; the usage layer only finds the counters)
   */
  public UsageReport(
      UsageResult result, PodIndex index, HostNames hosts, Function<NodeOs, String> nodeOsText) {
    this.result = result;
    this.hosts = hosts;
    this.nodeOsText = nodeOsText;
    entry("").cluster = true;
    for (String node : index.nodes()) {
      Optional<UsageData> d = first(result, x -> x.findNode(node));
      Optional<NodeOs> os = nodeOs(node);
      if (d.isPresent() || os.isPresent()) {
        hosts.node(node).ifPresent(h -> {
          Entry e = entry(h);
          e.node = node;
          e.nodeData = d.orElse(null);
          e.nodeOs = os.orElse(null);
        });
      }
    }
    for (PodIndex.Pod pod : index.pods()) {
      Optional<UsageData> d = first(result, x -> x.findPod(pod.namespace(), pod.name()));
      boolean anyClaim = anyClaim(pod.namespace(), pod.claims());
      if (d.isPresent() || anyClaim) {
        Entry e = new Entry();
        e.pod = pod;
        e.podData = d.orElse(null);
        e.podClaims = anyClaim;
        pods.put(new UsageData.Key(pod.namespace(), pod.name()), e);
      }
    }
    workloadClaims(index, hosts).forEach((h, claims) -> entry(h).claims = claims);
    for (ObjectUsage.Sum sum : ObjectUsage.sums(result, index, hosts)) {
      entry(sum.host()).sum = sum;
    }
  }

  private Entry entry(String host) {
    return pending.computeIfAbsent(host, k -> new Entry());
  }

  /** Appends the host's usage sections to its open block, once; nothing for a host without. */
  @Override
  public void write(String host, SectionWriter out) {
    into(pending.remove(host), out);
  }

  @Override
  public void pod(String namespace, String name, String host, SectionWriter out) {
    into(pods.remove(new UsageData.Key(namespace, name)), out);
  }

  private void into(Entry e, SectionWriter out) {
    if (e == null) {
      return;
    }
    try {
      write(e, e.nodeOs == null ? "" : nodeOsText.apply(e.nodeOs), out);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError x) {
      failed(x); // the block keeps its API sections and whatever usage section was complete
    }
  }

  /** A block of its own for each host whose usage {@link #write(String, SectionWriter)} did not take. */
  public void rest(SectionWriter out) {
    pending.forEach((host, e) -> block(host, e, out));
    pending.clear();
    pods.forEach((key, e) ->
        hosts.pod(key.namespace(), key.name()).ifPresent(host -> block(host, e, out)));
    pods.clear();
  }

  private void block(String host, Entry e, SectionWriter out) {
    if (out.leaveOutIfLate()) { // past the deadline: not even built
      return;
    }
    try {
      String os = e.nodeOs == null ? "" : nodeOsText.apply(e.nodeOs);
      if (e.node != null && e.nodeData == null && os.isEmpty()) {
        return; // counters, but none a section could be made of
      }
      out.beginHost(host);
      write(e, os, out);
      out.endHost();
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError x) {
      out.abandonHost();
      failed(x);
    }
  }

  /** Usage sections that could not be written, as one failed source {@code write/usage}. */
  public void report(SourceLog log) {
    if (firstFailure == null) {
      return;
    }
    log.failed(
        "write/usage",
        new SourceException(
            null,
            null,
            "write usage sections: " + failures + (failures == 1 ? " host" : " hosts")
                + " without them: " + AgentFailure.describe(firstFailure),
            AgentFailure.hint(firstFailure),
            AgentFailure.anchor(firstFailure),
            firstFailure,
            AgentFailure.kind(firstFailure)),
        0,
        0.0);
  }

  private void failed(Throwable x) {
    if (firstFailure == null) {
      firstFailure = x;
    }
    failures++;
  }

  /** Every host's usage in a block of its own, the cluster's included (tests, tools). */
  public static void write(UsageResult result, PodIndex index, HostNames hosts, PrintStream out) {
    write(result, index, hosts, new SectionWriter(out));
  }

  /** As above through the run's one writer (docs/sections.md: one writer for all sections). */
  public static void write(
      UsageResult result, PodIndex index, HostNames hosts, SectionWriter out) {
    new UsageReport(result, index, hosts, os -> "").rest(out);
  }

  private void write(Entry e, String nodeOs, SectionWriter out) {
    if (e.cluster) {
      if (!result.health().empty()) {
        out.section("kubemon_pipeline_health_v1", PipelineJson.health(result.health()));
      }
      if (result.queries() != null) {
        out.section("kubemon_prometheus_query_v1", PipelineJson.queries(result.queries()));
      }
      if (result.customMetrics() != null) {
        out.section(
            "kubemon_custom_metrics_v1", PipelineJson.customMetrics(result.customMetrics()));
      }
    }
    if (e.nodeData != null) {
      JsonObject o = head(e.nodeData);
      merge(o, fields(e.nodeData.findNode(e.node).orElseThrow(), NODE_FIELDS));
      out.section("kubemon_node_usage_v1", o);
    }
    if (e.pod != null) {
      if (e.podData != null) {
        out.section("kubemon_pod_usage_v2", podJson(e.podData, e.pod));
      }
      if (e.podClaims) {
        out.section("kubemon_pvc_usage_v1",
            claimsJson(result, e.pod.namespace(), e.pod.claims()));
      }
    }
    if (e.claims != null) {
      out.section("kubemon_pvc_usage_v1",
          claimsJson(result, e.claims.namespace(), List.copyOf(e.claims.names())));
    }
    if (e.sum != null) {
      out.section("kubemon_object_usage_v1", e.sum.json());
    }
    if (!nodeOs.isEmpty()) {
      out.raw(nodeOs); // last: Checkmk's own sections end at the next header only
    }
  }

  private Optional<NodeOs> nodeOs(String node) {
    for (UsageData d : result.data()) {
      Optional<NodeOs> os = d.findNodeOs(node);
      if (os.isPresent()) {
        return os;
      }
    }
    return Optional.empty();
  }

  private boolean anyClaim(String namespace, List<String> claims) {
    for (String c : claims) {
      if (first(result, x -> x.findClaim(namespace, c)).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** Workload kinds whose hosts show their pods' PVCs, as agent_kube's do. */
  private static final Set<String> CLAIM_OWNERS =
      Set.of("Deployment", "DaemonSet", "StatefulSet");

  /**
   * {@code kubemon_pvc_usage_v1} on each Deployment, DaemonSet and StatefulSet host: the volume
   * statistics of the claims its pods mount, beside the API's kubemon_pod_pvcs_v1 there. Only
   * hosts with data for at least one of their claims.
   */
  private Map<String, Claims> workloadClaims(PodIndex index, HostNames hosts) {
    Map<String, Claims> byHost = new LinkedHashMap<>();
    for (PodIndex.Pod pod : index.pods()) {
      if (pod.claims().isEmpty()) {
        continue;
      }
      for (PodIndex.Owner o : pod.controllers()) {
        if (CLAIM_OWNERS.contains(o.kind())) {
          hosts.controller(pod.namespace(), o.kind(), o.name()).ifPresent(h -> byHost
              .computeIfAbsent(h, k -> new Claims(pod.namespace(), new LinkedHashSet<>()))
              .names().addAll(pod.claims()));
        }
      }
    }
    byHost.values().removeIf(c -> !anyClaim(c.namespace(), List.copyOf(c.names())));
    return byHost;
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
