package io.kubemon.agent.section;

import io.kubemon.agent.output.SectionWriter;
import io.kubemon.agent.model.Container;
import io.kubemon.agent.model.ContainerState;
import io.kubemon.agent.model.Controller;
import io.kubemon.agent.model.PersistentVolumeClaim;
import io.kubemon.agent.model.Pod;
import io.kubemon.agent.quantity.Quantity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
      List<Controller> controllers,
      Map<String, PersistentVolumeClaim> claims,
      SectionWriter out) {
    out.section("kubemon_pod_info_v1", info(p, controllers));
    out.section(
        "kubemon_pod_conditions_v1",
        new Obj()
            .with(
                "conditions",
                p.conditions().stream().map(c -> NodeSections.condition(c, false)).toList()));
    List<Obj> containers = new ArrayList<>();
    p.initContainers().forEach(c -> containers.add(container(c, true)));
    p.containers().forEach(c -> containers.add(container(c, false)));
    out.section("kubemon_pod_containers_v1", new Obj().with("containers", containers));
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

  static List<Obj> controllers(List<Controller> chain) {
    return chain.stream()
        .map(c -> new Obj().with("kind", c.kind()).with("name", c.name()))
        .toList();
  }

  private static Obj info(Pod p, List<Controller> controllers) {
    return new Obj()
        .with("name", p.meta().name())
        .with("namespace", p.meta().namespace())
        .with("uid", p.meta().uid())
        .with("node", p.nodeName())
        .with("creation_timestamp", p.meta().creationTimestamp())
        .with("start_time", p.startTime())
        .with("phase", p.phase())
        .with("status", PodStatus.of(p))
        .with("reason", p.reason())
        .with("message", p.message())
        .with("qos_class", p.qosClass())
        .with("restart_policy", p.restartPolicy())
        .with("host_network", p.hostNetwork())
        .with("pod_ip", p.podIp())
        .with("host_ip", p.hostIp())
        .with("controllers", controllers(controllers))
        .with("deletion_timestamp", p.meta().deletionTimestamp());
  }

  private static Obj container(Container c, boolean init) {
    return new Obj()
        .with("name", c.name())
        .with("init", init)
        .with("image", c.image())
        .with("ready", c.ready())
        .with("restart_count", c.restartCount())
        .with("state", state(c.state()))
        .with("last_state", state(c.lastState()))
        .with("requests", resources(c.requests()))
        .with("limits", resources(c.limits()));
  }

  private static Obj state(ContainerState s) {
    if (s == null) {
      return null;
    }
    return new Obj()
        .with("type", s.type())
        .with("reason", s.reason())
        .with("message", s.message())
        .with("exit_code", s.exitCode())
        .with("started_at", s.startedAt())
        .with("finished_at", s.finishedAt());
  }

  private static Obj resources(Map<String, String> quantities) {
    var cpu = Quantity.cpuCores(quantities.get("cpu"));
    return new Obj()
        .with("cpu", cpu == null ? null : cpu.doubleValue())
        .with("memory", Quantity.bytes(quantities.get("memory")));
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
