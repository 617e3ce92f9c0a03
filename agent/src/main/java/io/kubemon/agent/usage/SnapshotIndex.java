package io.kubemon.agent.usage;

import io.kubemon.agent.model.Controller;
import io.kubemon.agent.model.OwnerReference;
import io.kubemon.agent.source.kube.KubeSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The Kubernetes API part's snapshot as the usage part sees it: its pods, nodes and namespaces,
 * and the same piggyback hosts the API sections went to. A list that failed is empty here, except
 * nodes and namespaces, which then come from the pods so usage can still be mapped.
 */
public final class SnapshotIndex implements PodIndex, HostNames {
  private final KubeSnapshot snapshot;
  private final List<Pod> pods = new ArrayList<>();
  private final Map<UsageData.Key, io.kubemon.agent.model.Pod> byName = new HashMap<>();
  private final List<String> nodes;
  private final List<String> namespaces;
  // Host names are built once per object: sums ask for a namespace's and a controller's host once
  // per pod of theirs.
  private final Map<String, Optional<String>> namespaceHosts = new HashMap<>();
  private final Map<ControllerKey, Optional<String>> controllerHosts = new HashMap<>();

  private record ControllerKey(String namespace, String kind, String name) {}

  private record ChainKey(String namespace, OwnerReference owner) {}

  public SnapshotIndex(KubeSnapshot snapshot) {
    this.snapshot = snapshot;
    TreeSet<String> podNodes = new TreeSet<>();
    TreeSet<String> podNamespaces = new TreeSet<>();
    // The chain above a pod depends only on its direct controller: walked once per controller.
    Map<ChainKey, List<Owner>> chains = new HashMap<>();
    for (io.kubemon.agent.model.Pod p : orEmpty(snapshot.pods())) {
      String ns = p.meta().namespace();
      byName.put(new UsageData.Key(ns, p.meta().name()), p);
      OwnerReference owner = p.meta().controller();
      List<Owner> chain = owner == null ? List.of() : chains.computeIfAbsent(
          new ChainKey(ns, owner), k -> snapshot.controllers(p).stream()
              .map(c -> new Owner(c.kind(), c.name())).toList());
      pods.add(new Pod(ns, p.meta().name(), p.nodeName(), "Running".equals(p.phase()),
          chain, orEmpty(p.claimNames())));
      if (p.nodeName() != null && snapshot.nodes() == null) {
        podNodes.add(p.nodeName());
      }
      if (snapshot.namespaces() == null) {
        podNamespaces.add(ns);
      }
    }
    nodes = snapshot.nodes() == null
        ? List.copyOf(podNodes)
        : snapshot.nodes().stream().map(n -> n.meta().name()).toList();
    namespaces = snapshot.namespaces() == null
        ? List.copyOf(podNamespaces)
        : snapshot.namespaces().stream().map(n -> n.meta().name()).toList();
  }

  @Override
  public List<Pod> pods() {
    return pods;
  }

  @Override
  public List<String> nodes() {
    return nodes;
  }

  @Override
  public List<String> namespaces() {
    return namespaces;
  }

  @Override
  public Optional<String> node(String name) {
    return Optional.ofNullable(snapshot.nodeHost(name));
  }

  @Override
  public Optional<String> namespace(String name) {
    return namespaceHosts.computeIfAbsent(
        name, n -> Optional.ofNullable(snapshot.namespaceHost(n)));
  }

  @Override
  public Optional<String> pod(String namespace, String name) {
    io.kubemon.agent.model.Pod p = byName.get(new UsageData.Key(namespace, name));
    return p == null ? Optional.empty() : Optional.ofNullable(snapshot.podHost(p));
  }

  @Override
  public Optional<String> controller(String namespace, String kind, String name) {
    return controllerHosts.computeIfAbsent(new ControllerKey(namespace, kind, name),
        k -> Optional.ofNullable(snapshot.controllerHost(new Controller(kind, name), namespace)));
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
