package io.kubemon.agent.section;

import io.kubemon.agent.output.SectionWriter;
import io.kubemon.agent.model.Condition;
import io.kubemon.agent.model.Container;
import io.kubemon.agent.model.Node;
import io.kubemon.agent.model.Pod;
import java.util.List;
import java.util.Map;

/** Sections of a node's own host. */
final class NodeSections {
  private NodeSections() {}

  static void write(Node n, List<Pod> podsOnNode, SectionWriter out) {
    Map<String, String> info = n.nodeInfo();
    out.section(
        "kubemon_node_info_v1",
        new Obj()
            .with("name", n.meta().name())
            .with("creation_timestamp", n.meta().creationTimestamp())
            .with("os_image", info.get("osImage"))
            .with("operating_system", info.get("operatingSystem"))
            .with("architecture", info.get("architecture"))
            .with("kernel_version", info.get("kernelVersion"))
            .with("container_runtime_version", info.get("containerRuntimeVersion"))
            .with("kubelet_version", info.get("kubeletVersion"))
            .with("kube_proxy_version", info.get("kubeProxyVersion"))
            .with("roles", n.roles())
            .with("unschedulable", n.unschedulable())
            .with("taints", n.taints().stream().map(NodeSections::taint).toList())
            .with("addresses", n.addresses().stream().map(NodeSections::address).toList()));
    out.section(
        "kubemon_node_conditions_v1",
        new Obj()
            .with("conditions", n.conditions().stream().map(c -> condition(c, true)).toList()));
    Condition ready = n.condition("Ready");
    out.section(
        "kubemon_node_kubelet_v1",
        new Obj()
            .with("version", info.get("kubeletVersion"))
            .with("ready_status", ready == null ? null : ready.status())
            .with("ready_reason", ready == null ? null : ready.reason())
            .with("ready_message", ready == null ? null : ready.message())
            .with("last_heartbeat", ready == null ? null : ready.lastHeartbeatTime())
            .with("endpoint_port", n.kubeletPort()));
    if (podsOnNode != null) {
      out.section("kubemon_node_containers_v1", containers(podsOnNode));
    }
  }

  private static Obj containers(List<Pod> pods) {
    long running = 0;
    long waiting = 0;
    long terminated = 0;
    long total = 0;
    for (Pod p : pods) {
      for (Container c : p.containers()) {
        total++;
        if (c.state() == null) {
          continue;
        }
        switch (c.state().type()) {
          case "running" -> running++;
          case "waiting" -> waiting++;
          default -> terminated++;
        }
      }
    }
    return new Obj()
        .with("running", running)
        .with("waiting", waiting)
        .with("terminated", terminated)
        .with("total", total);
  }

  static Obj condition(Condition c, boolean withHeartbeat) {
    Obj o =
        new Obj()
            .with("type", c.type())
            .with("status", c.status())
            .with("reason", c.reason())
            .with("message", c.message())
            .with("last_transition_time", c.lastTransitionTime());
    return withHeartbeat ? o.with("last_heartbeat_time", c.lastHeartbeatTime()) : o;
  }

  private static Obj taint(Node.Taint t) {
    return new Obj().with("key", t.key()).with("value", t.value()).with("effect", t.effect());
  }

  private static Obj address(Node.Address a) {
    return new Obj().with("type", a.type()).with("address", a.address());
  }
}
