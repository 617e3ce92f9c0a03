package io.kubemon.agent.usage;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kubemon_object_usage_v1}: CPU and memory summed over the running pods of the cluster,
 * each namespace and each monitored controller (Deployment, DaemonSet, StatefulSet, CronJob,
 * reached through the owner chain, e.g. ReplicaSet then Deployment, Job then CronJob). One source
 * per run: the most trusted one that has pod data, so sums never mix sources.
 */
final class ObjectUsage {
  private ObjectUsage() {}

  /** One object's accumulated sum; {@code host} "" is the cluster. */
  static final class Sum {
    private final String host;
    private final UsageData data;
    private double cpu;
    private double memory;
    private int running;
    private int withCpu;
    private int withMemory;

    Sum(String host, UsageData data) {
      this.host = host;
      this.data = data;
    }

    String host() {
      return host;
    }

    void add(UsageData.PodUsage usage) {
      running++;
      if (usage == null) {
        return;
      }
      Double c = usage.fields().get(UsageData.CPU);
      Double m = usage.fields().get(UsageData.MEMORY);
      if (c != null) {
        cpu += c;
        withCpu++;
      }
      if (m != null) {
        memory += m;
        withMemory++;
      }
    }

    JsonObject json() {
      JsonObject o = SectionJson.head(data);
      // No running pod at all is a true zero; running pods without any sample are unknown.
      o.add(UsageData.CPU, SectionJson.number(running > 0 && withCpu == 0 ? null : cpu));
      o.add(UsageData.MEMORY, SectionJson.number(running > 0 && withMemory == 0 ? null : memory));
      o.addProperty("pods_running", running);
      o.addProperty("pods_with_usage", Math.min(withCpu, withMemory));
      return o;
    }
  }

  /**
   * The cluster's sum (host "") first, then namespace and controller sums in index order; hosts
   * without a name are left out. One pass over the pods.
   */
  static List<Sum> sums(UsageResult result, PodIndex index, HostNames hosts) {
    Optional<UsageData> source = source(result);
    if (source.isEmpty()) {
      return List.of();
    }
    UsageData d = source.get();
    Map<String, Sum> byHost = new LinkedHashMap<>();
    Sum cluster = new Sum("", d);
    byHost.put("", cluster);
    for (String ns : index.namespaces()) {
      hosts.namespace(ns).ifPresent(h -> byHost.put(h, new Sum(h, d)));
    }
    for (PodIndex.Pod p : index.pods()) {
      if (!p.running()) {
        continue;
      }
      UsageData.PodUsage usage = d.findPod(p.namespace(), p.name()).orElse(null);
      cluster.add(usage);
      for (String h : objectHosts(p, hosts)) {
        byHost.computeIfAbsent(h, k -> new Sum(k, d)).add(usage);
      }
    }
    return new ArrayList<>(byHost.values());
  }

  private static List<String> objectHosts(PodIndex.Pod p, HostNames hosts) {
    List<String> result = new ArrayList<>();
    hosts.namespace(p.namespace()).ifPresent(result::add);
    for (PodIndex.Owner o : p.controllers()) {
      hosts.controller(p.namespace(), o.kind(), o.name())
          .filter(h -> !result.contains(h))
          .ifPresent(result::add);
    }
    return result;
  }

  private static Optional<UsageData> source(UsageResult result) {
    return result.data().stream().filter(d -> !d.pods().isEmpty()).findFirst();
  }
}
