package io.kubemon.agent.source.kube;

import io.kubemon.agent.http.TextResponse;
import io.kubemon.agent.model.Controller;
import io.kubemon.agent.model.CronJob;
import io.kubemon.agent.model.Job;
import io.kubemon.agent.model.Namespace;
import io.kubemon.agent.model.Node;
import io.kubemon.agent.model.ObjectMeta;
import io.kubemon.agent.model.OwnerReference;
import io.kubemon.agent.model.PersistentVolume;
import io.kubemon.agent.model.PersistentVolumeClaim;
import io.kubemon.agent.model.Pod;
import io.kubemon.agent.model.ReplicaSet;
import io.kubemon.agent.model.ResourceQuota;
import io.kubemon.agent.model.StorageClass;
import io.kubemon.agent.model.Workload;
import io.kubemon.agent.model.WorkloadKind;
import io.kubemon.agent.piggyback.PiggybackNames;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Everything one run read from the API server. A list is null when its source failed (the sections
 * needing it are then left out), and empty when the cluster has none.
 */
public final class KubeSnapshot {
  /**
   * A kubelet's {@code /healthz} answer through the node proxy (--kubelet-health): the HTTP
   * status and the body, "ok" when healthy.
   */
  public record KubeletHealth(int statusCode, String body) {}

  /** {@code /version}: gitVersion and platform; null when the request failed. */
  public record Version(String gitVersion, String platform) {}

  Version version;
  TextResponse live;
  TextResponse ready;
  X509Certificate certificate;
  List<Node> nodes;
  List<Namespace> namespaces;
  List<Pod> pods;
  // filled by three list tasks at once
  final Map<WorkloadKind, List<Workload>> workloads =
      Collections.synchronizedMap(new EnumMap<>(WorkloadKind.class));
  List<ReplicaSet> replicaSets;
  List<Job> jobs;
  List<CronJob> cronJobs;
  List<PersistentVolume> volumes;
  List<PersistentVolumeClaim> claims;
  List<StorageClass> storageClasses;
  List<ResourceQuota> quotas;
  // --kubelet-health: per node name; a node without an answer (403, no --kubelet-health) is absent
  Map<String, KubeletHealth> kubeletHealth = Map.of();

  private final KubeOptions options;
  private Map<String, ObjectMeta> replicaSetIndex;
  private Map<String, ObjectMeta> jobIndex;
  private final Set<String> hostedControllers = new HashSet<>();
  private final Set<String> hostedNamespaces = new HashSet<>();
  private final Set<String> hostedNodes = new HashSet<>();

  KubeSnapshot(KubeOptions options) {
    this.options = options;
  }

  public Version version() {
    return version;
  }

  public TextResponse live() {
    return live;
  }

  public TextResponse ready() {
    return ready;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public List<Node> nodes() {
    return nodes;
  }

  public List<Namespace> namespaces() {
    return namespaces;
  }

  /** The pods of the namespaces read, or null when the pod list failed. */
  public List<Pod> pods() {
    return pods;
  }

  public List<Workload> workloads(WorkloadKind kind) {
    return workloads.get(kind);
  }

  public List<ReplicaSet> replicaSets() {
    return replicaSets;
  }

  public List<Job> jobs() {
    return jobs;
  }

  public List<CronJob> cronJobs() {
    return cronJobs;
  }

  public List<PersistentVolume> volumes() {
    return volumes;
  }

  public List<PersistentVolumeClaim> claims() {
    return claims;
  }

  public List<StorageClass> storageClasses() {
    return storageClasses;
  }

  public List<ResourceQuota> quotas() {
    return quotas;
  }

  /** The node's kubelet /healthz answer, or null (not asked, forbidden or failed). */
  public KubeletHealth kubeletHealth(String node) {
    return kubeletHealth.get(node);
  }

  /**
   * The pod's control chain, innermost first: ReplicaSet then Deployment, Job then CronJob, or a
   * DaemonSet / StatefulSet. The chain stops where a list needed to follow it failed or the owner
   * is gone.
   */
  public List<Controller> controllers(Pod pod) {
    List<Controller> chain = new ArrayList<>();
    OwnerReference owner = pod.meta().controller();
    String namespace = pod.meta().namespace();
    while (owner != null && owner.kind() != null && chain.size() < 4) {
      chain.add(new Controller(owner.kind(), owner.name()));
      ObjectMeta next = ownerMeta(owner, namespace);
      owner = next == null ? null : next.controller();
    }
    return chain;
  }

  private ObjectMeta ownerMeta(OwnerReference owner, String namespace) {
    Map<String, ObjectMeta> index =
        switch (owner.kind()) {
          case "ReplicaSet" -> replicaSetIndex;
          case "Job" -> jobIndex;
          default -> null;
        };
    return index == null ? null : index.get(namespace + "/" + owner.name());
  }

  /** Builds the look-ups once all lists are in; a failed list leaves its index null. */
  void index() {
    replicaSetIndex =
        replicaSets == null ? null : byName(replicaSets.stream().map(ReplicaSet::meta));
    jobIndex = jobs == null ? null : byName(jobs.stream().map(Job::meta));
    for (WorkloadKind kind : WorkloadKind.values()) {
      if (monitored(kind.plural()) && workloads.get(kind) != null) {
        workloads.get(kind).forEach(w -> hostedControllers.add(key(kind.kind(), w.meta())));
      }
    }
    if (monitored("cronjobs") && cronJobs != null) {
      cronJobs.forEach(c -> hostedControllers.add(key("CronJob", c.meta())));
    }
    if (monitored("nodes") && nodes != null) {
      nodes.forEach(n -> hostedNodes.add(n.meta().name()));
    }
    if (monitored("namespaces") && namespaces != null) {
      Set<String> active = pods == null ? null : namespacesWithActivePods();
      namespaces.stream()
          .map(n -> n.meta().name())
          .filter(n -> active == null || active.contains(n))
          .forEach(hostedNamespaces::add);
    }
  }

  /**
   * Like agent_kube, a namespace gets a host only while it has a Running or Pending pod. Without
   * the pod list this cannot be told, and every namespace keeps its host.
   */
  private Set<String> namespacesWithActivePods() {
    Set<String> active = new HashSet<>();
    for (Pod p : pods) {
      if ("Running".equals(p.phase()) || "Pending".equals(p.phase())) {
        active.add(p.meta().namespace());
      }
    }
    return active;
  }

  private boolean monitored(String objects) {
    return options.monitoredObjects().contains(objects);
  }

  private static String key(String kind, ObjectMeta meta) {
    return kind + "/" + meta.namespace() + "/" + meta.name();
  }

  /** The node's piggyback host, or null when nodes get no hosts in this run. */
  public String nodeHost(String node) {
    return hostedNodes.contains(node) ? host("node", null, node) : null;
  }

  /**
   * The pod's piggyback host, or null when pods get no hosts in this run. Pods of CronJobs get
   * one only with {@link KubeOptions#CRONJOB_PODS}, as in agent_kube (their sums on the cluster,
   * namespace and CronJob hosts stay). A pod whose Job cannot be followed (the Job list failed)
   * keeps its host.
   */
  public String podHost(Pod pod) {
    if (!monitored("pods") || pods == null) {
      return null;
    }
    if (!monitored(KubeOptions.CRONJOB_PODS)
        && ownedByJob(pod)
        && controllers(pod).stream().anyMatch(c -> "CronJob".equals(c.kind()))) {
      return null;
    }
    return host("pod", pod.meta().namespace(), pod.meta().name());
  }

  /** Only a pod a Job (or CronJob) controls can belong to a CronJob: no chain walk for others. */
  private static boolean ownedByJob(Pod pod) {
    var owner = pod.meta().controller();
    return owner != null && ("Job".equals(owner.kind()) || "CronJob".equals(owner.kind()));
  }

  /** The namespace's piggyback host, or null when it gets none in this run. */
  public String namespaceHost(String namespace) {
    return hostedNamespaces.contains(namespace) ? host("namespace", null, namespace) : null;
  }

  /**
   * The host of a Deployment, DaemonSet, StatefulSet or CronJob (as named in a pod's {@link
   * #controllers}), or null when it gets none in this run (other kinds never do).
   */
  public String controllerHost(Controller controller, String namespace) {
    String key = controller.kind() + "/" + namespace + "/" + controller.name();
    if (!hostedControllers.contains(key)) {
      return null;
    }
    String type = controller.kind().toLowerCase(Locale.ROOT);
    return host(type, namespace, controller.name());
  }

  private String host(String type, String namespace, String name) {
    return PiggybackNames.host(type, options.clusterName(), namespace, name);
  }

  private static Map<String, ObjectMeta> byName(Stream<ObjectMeta> metas) {
    Map<String, ObjectMeta> out = new HashMap<>();
    metas.forEach(m -> out.put(m.namespace() + "/" + m.name(), m));
    return out;
  }
}
