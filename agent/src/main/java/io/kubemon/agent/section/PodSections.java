package io.kubemon.agent.section;

import io.kubemon.agent.output.SectionWriter;
import io.kubemon.agent.model.Condition;
import io.kubemon.agent.model.Container;
import io.kubemon.agent.model.ContainerState;
import io.kubemon.agent.model.Controller;
import io.kubemon.agent.model.PersistentVolumeClaim;
import io.kubemon.agent.model.Pod;
import io.kubemon.agent.quantity.Quantity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Sections of a pod's host. */
final class PodSections {
  private PodSections() {}

  /**
   * @param claims the pod namespace's claims by name, or null when the claim list failed or {@code
   *     pvcs} is not monitored
   */
  static void write(
      Pod p,
      Map<String, PersistentVolumeClaim> claims,
      SectionWriter out) {
    out.section("kubemon_pod_info_v3", info(p));
    out.section("kubemon_pod_conditions_v3", conditions(p.conditions()));
    List<Obj> containers = new ArrayList<>();
    p.initContainers().forEach(c -> containers.add(container(c, true)));
    p.containers().forEach(c -> containers.add(container(c, false)));
    out.section("kubemon_pod_containers_v2", new Obj().lean("containers", containers));
    if (claims != null && !p.claimNames().isEmpty()) {
      List<Obj> list = p.claimNames().stream().map(name -> claim(name, claims.get(name))).toList();
      out.section("kubemon_pod_pvcs_v1", new Obj().with("claims", list));
    }
  }

  /**
   * The claims the pods mount, each once in the order first met, as {@code kubemon_pod_pvcs_v1}
   * on a workload host (agent_kube shows the PVCs of a Deployment's, DaemonSet's and
   * StatefulSet's pods there too); nothing when none mounts one.
   */
  static void claimsOf(
      List<Pod> pods, Map<String, PersistentVolumeClaim> claims, SectionWriter out) {
    if (claims == null) {
      return;
    }
    Set<String> seen = new LinkedHashSet<>();
    pods.forEach(p -> seen.addAll(p.claimNames()));
    if (!seen.isEmpty()) {
      List<Obj> list = seen.stream().map(name -> claim(name, claims.get(name))).toList();
      out.section("kubemon_pod_pvcs_v1", new Obj().with("claims", list));
    }
  }

  /** The control chain as {@code "Kind/name"} strings (neither a kind nor a name has a slash). */
  static List<String> controllers(List<Controller> chain) {
    return chain.stream().map(c -> c.kind() + "/" + c.name()).toList();
  }

  /**
   * Name, namespace, node and controllers are left out: {@code kubemon_object_labels_v3} of the
   * same host has them. So are a start time equal to the creation time and the phase Running;
   * either, when null, is written as null.
   */
  private static Obj info(Pod p) {
    String status = PodStatus.of(p);
    Long created = p.meta().creationTimestamp();
    Obj o = new Obj().lean("uid", p.meta().uid()).lean("creation_timestamp", created);
    if (!Objects.equals(p.startTime(), created)) {
      o.put("start_time", p.startTime());
    }
    if (!"Running".equals(p.phase())) {
      o.put("phase", p.phase());
    }
    if (status != null && !status.equals(p.phase())) {
      o.put("status", status);
    }
    return o.lean("reason", p.reason())
        .lean("message", p.message())
        .lean("qos_class", p.qosClass())
        .unless("restart_policy", p.restartPolicy(), "Always")
        .unless("dns_policy", p.dnsPolicy(), "ClusterFirst")
        .lean("host_network", p.hostNetwork())
        .lean("pod_ip", p.podIp())
        .lean("host_ip", p.hostIp())
        .lean("deletion_timestamp", p.meta().deletionTimestamp());
  }

  /**
   * One entry per condition type (pods and workloads); {@code status} "True" is the default left
   * out. An entry holding nothing but its {@code since} is that number alone, or {@code true}
   * when the entry before it has the same {@code since}.
   */
  static Obj conditions(List<Condition> conditions) {
    Map<String, Obj> byType = new LinkedHashMap<>();
    for (Condition c : conditions) {
      if (c.type() != null) {
        byType.put(
            c.type(),
            new Obj()
                .unless("status", c.status(), "True")
                .lean("reason", c.reason())
                .lean("message", c.message())
                .lean("since", c.lastTransitionTime()));
      }
    }
    Obj out = new Obj();
    Object before = null;
    for (Map.Entry<String, Obj> e : byType.entrySet()) {
      Object since = e.getValue().get("since");
      boolean onlySince = e.getValue().size() == 1 && since != null;
      out.put(
          e.getKey(),
          !onlySince ? e.getValue() : since.equals(before) ? Boolean.TRUE : since);
      before = since;
    }
    return out;
  }

  private static Obj container(Container c, boolean init) {
    return new Obj()
        .with("name", c.name())
        .lean("init", init)
        .lean("image", c.image())
        .unless("image_pull_policy", c.imagePullPolicy(), "IfNotPresent")
        .lean("ready", c.ready())
        .nonZero("restart_count", c.restartCount())
        .lean("state", state(c.state()))
        .lean("last_state", state(c.lastState()))
        .lean("requests", resources(c.requests()))
        .lean("limits", resources(c.limits()));
  }

  private static Obj state(ContainerState s) {
    if (s == null) {
      return null;
    }
    return new Obj()
        .with("type", s.type())
        .lean("reason", s.reason())
        .lean("message", s.message())
        .lean("exit_code", s.exitCode())
        .lean("started_at", s.startedAt())
        .lean("finished_at", s.finishedAt());
  }

  private static Obj resources(Map<String, String> quantities) {
    var cpu = Quantity.cpuCores(quantities.get("cpu"));
    return new Obj()
        .lean("cpu", cpu == null ? null : cpu.doubleValue())
        .lean("memory", Quantity.bytes(quantities.get("memory")));
  }

  private static Obj claim(String name, PersistentVolumeClaim c) {
    return new Obj()
        .with("name", name)
        .with("phase", c == null ? null : c.phase())
        .with("volume_name", c == null ? null : c.volumeName())
        .with("storage_class", c == null ? null : c.storageClass())
        .with("access_modes", c == null ? List.of() : c.accessModes())
        .with("capacity_bytes", c == null ? null : Quantity.bytes(c.capacity()))
        .with("requested_bytes", c == null ? null : Quantity.bytes(c.requested()));
  }
}
