package io.kubemon.agent.section;

import io.kubemon.agent.output.SectionWriter;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.model.Controller;
import io.kubemon.agent.model.CronJob;
import io.kubemon.agent.model.Job;
import io.kubemon.agent.model.Namespace;
import io.kubemon.agent.model.Node;
import io.kubemon.agent.model.ObjectMeta;
import io.kubemon.agent.model.OwnerReference;
import io.kubemon.agent.model.PersistentVolumeClaim;
import io.kubemon.agent.model.Pod;
import io.kubemon.agent.model.ResourceQuota;
import io.kubemon.agent.model.Workload;
import io.kubemon.agent.model.WorkloadKind;
import io.kubemon.agent.source.kube.KubeOptions;
import io.kubemon.agent.source.kube.KubeSnapshot;
import io.kubemon.agent.status.AgentFailure;
import io.kubemon.agent.status.SourceLog;
import io.kubemon.agent.usage.HostSections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes the cluster's API sections and one piggyback block per monitored object. A null list in
 * the snapshot (its source failed) leaves out exactly the sections and hosts built from it.
 */
public final class KubeSections {
  private final KubeSnapshot s;
  private final KubeOptions options;
  private final SectionWriter out;
  private final HostSections usage;
  private final Labels labels;
  // Groupings built once, so writing stays linear in the number of objects.
  private final Map<String, List<Pod>> podsByController = new HashMap<>();
  private final Map<String, List<Pod>> podsByNode;
  private final Map<String, List<Pod>> podsByNamespace;
  private final Map<String, List<Job>> jobsByCronJob;
  private final List<Job> standaloneJobs;
  private final Map<String, List<Job>> standaloneJobsByNamespace;

  private KubeSections(
      KubeSnapshot s, KubeOptions options, SectionWriter out, HostSections usage) {
    this.s = s;
    this.options = options;
    this.out = out;
    this.usage = usage;
    this.labels = new Labels(options, this.out);
    this.podsByNode = s.pods() == null ? null : group(s.pods(), Pod::nodeName);
    this.podsByNamespace = s.pods() == null ? null : group(s.pods(), p -> p.meta().namespace());
    this.jobsByCronJob = s.jobs() == null ? Map.of() : group(s.jobs(), KubeSections::cronJobKey);
    this.standaloneJobs =
        s.jobs() == null ? null : s.jobs().stream().filter(j -> !j.ownedByCronJob()).toList();
    this.standaloneJobsByNamespace =
        standaloneJobs == null ? null : group(standaloneJobs, j -> j.meta().namespace());
    if (s.pods() != null) {
      for (Pod p : s.pods()) {
        for (Controller c : s.controllers(p)) {
          podsByController
              .computeIfAbsent(
                  key(c.kind(), p.meta().namespace(), c.name()), k -> new ArrayList<>())
              .add(p);
        }
      }
    }
  }

  /**
   * Writes every host it can. A host whose writer throws (an object of a shape no reader expected)
   * is left out whole, and each kind of host with such failures becomes one failed source {@code
   * write/KIND} in {@code log}: one odd object never costs the run.
   */
  public static void write(
      KubeSnapshot snapshot, KubeOptions options, SectionWriter out, SourceLog log) {
    write(snapshot, options, out, log, HostSections.NONE);
  }

  /** As above; each block also gets its {@code usage} sections, after its own. */
  public static void write(
      KubeSnapshot snapshot,
      KubeOptions options,
      SectionWriter out,
      SourceLog log,
      HostSections usage) {
    KubeSections sections = new KubeSections(snapshot, options, out, usage);
    sections.guard("cluster", sections::cluster);
    sections.nodes();
    sections.namespaces();
    sections.pods();
    sections.workloads();
    sections.cronJobs();
    sections.report(log);
  }

  /** Per kind of host: how many could not be written, and the first reason. */
  private final Map<String, Throwable> firstFailure = new java.util.TreeMap<>();

  private final Map<String, Integer> failures = new HashMap<>();

  private void guard(String kind, Runnable host) {
    if (out.leaveOutIfLate()) {
      return; // past the deadline: not even built
    }
    try {
      host.run();
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      out.abandonHost();
      firstFailure.putIfAbsent(kind, e);
      failures.merge(kind, 1, Integer::sum);
    }
  }

  private void report(SourceLog log) {
    firstFailure.forEach(
        (kind, e) -> {
          int n = failures.get(kind);
          String what = "write " + kind + " hosts";
          log.failed(
              "write/" + kind,
              new SourceException(
                  null,
                  null,
                  what + ": " + n + (n == 1 ? " host" : " hosts") + " left out: "
                      + AgentFailure.describe(e),
                  AgentFailure.hint(e),
                  AgentFailure.anchor(e),
                  e,
                  AgentFailure.kind(e)),
              0,
              0.0);
        });
  }

  private boolean monitored(String objects) {
    return options.monitoredObjects().contains(objects);
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + namespace + "/" + name;
  }

  private void cluster() {
    out.beginHost("");
    labels.cluster();
    ClusterSections.write(s, options, out);
    if (standaloneJobs != null) {
      out.section("kubemon_jobs_v1", JobSections.standaloneJobs(standaloneJobs));
    }
    if (s.pods() != null) {
      List<Node> nodes =
          s.nodes() == null ? null : s.nodes().stream().filter(this::aggregated).toList();
      Set<String> excluded =
          s.nodes() == null
              ? Set.of()
              : s.nodes().stream()
                  .filter(n -> !aggregated(n))
                  .map(n -> n.meta().name())
                  .collect(Collectors.toSet());
      List<Pod> pods =
          s.pods().stream()
              .filter(p -> p.nodeName() == null || !excluded.contains(p.nodeName()))
              .toList();
      ResourceSections.write(pods, nodes, out);
    }
    usage.write("", out);
    out.endHost();
  }

  /** Nodes with a role from {@code --aggregation-exclude-node-roles} stay out of cluster sums. */
  private boolean aggregated(Node n) {
    return n.roles().stream().noneMatch(options.aggregationExcludeNodeRoles()::contains);
  }

  private static <T> Map<String, List<T>> group(List<T> items, Function<T, String> key) {
    Map<String, List<T>> out = new HashMap<>();
    for (T item : items) {
      String k = key.apply(item);
      if (k != null) {
        out.computeIfAbsent(k, x -> new ArrayList<>()).add(item);
      }
    }
    return out;
  }

  /** The group's pods, or null when the pod list failed. */
  private static List<Pod> pods(Map<String, List<Pod>> groups, String key) {
    return groups == null ? null : groups.getOrDefault(key, List.of());
  }

  private void nodes() {
    for (Node n : s.nodes() == null ? List.<Node>of() : s.nodes()) {
      guard(
          "node",
          () -> {
            String host = s.nodeHost(n.meta().name());
            if (host == null) {
              return;
            }
            out.beginHost(host);
            labels.object("node", n.meta(), n.meta().name(), List.of());
            List<Pod> onNode = pods(podsByNode, n.meta().name());
            NodeSections.write(n, onNode, out);
            KubeSnapshot.KubeletHealth health = s.kubeletHealth(n.meta().name());
            if (health != null) {
              out.section(
                  "kubemon_node_kubelet_health_v1",
                  new Obj().with("status_code", health.statusCode()).with("body", health.body()));
            }
            if (onNode != null) {
              ResourceSections.write(onNode, List.of(n), out);
            }
            usage.write(host, out);
            out.endHost();
          });
    }
  }

  private void namespaces() {
    for (Namespace n : s.namespaces() == null ? List.<Namespace>of() : s.namespaces()) {
      guard(
          "namespace",
          () -> {
            String name = n.meta().name();
            String host = s.namespaceHost(name);
            if (host == null) {
              return;
            }
            List<Pod> inside = pods(podsByNamespace, name);
            out.beginHost(host);
            labels.object("namespace", n.meta(), null, List.of());
            List<ResourceQuota> quotas =
                s.quotas() == null
                    ? null
                    : s.quotas().stream().filter(q -> name.equals(q.meta().namespace())).toList();
            WorkloadSections.write(n, quotas, out);
            if (standaloneJobsByNamespace != null) {
              out.section(
                  "kubemon_jobs_v1",
                  JobSections.standaloneJobs(standaloneJobsByNamespace.getOrDefault(name, List.of())));
            }
            if (inside != null) {
              ResourceSections.write(inside, null, out);
            }
            usage.write(host, out);
            out.endHost();
          });
    }
  }

  private void pods() {
    Map<String, Map<String, PersistentVolumeClaim>> claims = claimsByNamespace();
    for (Pod p : s.pods() == null ? List.<Pod>of() : s.pods()) {
      guard(
          "pod",
          () -> {
            String host = s.podHost(p);
            if (host == null) {
              return;
            }
            ObjectMeta m = p.meta();
            List<Controller> chain = s.controllers(p);
            out.beginHost(host);
            labels.object("pod", m, p.nodeName(), chain);
            PodSections.write(
                p, claims == null ? null : claims.getOrDefault(m.namespace(), Map.of()), out);
            usage.pod(m.namespace(), m.name(), host, out);
            out.endHost();
          });
    }
  }

  private Map<String, Map<String, PersistentVolumeClaim>> claimsByNamespace() {
    if (!monitored("pvcs") || s.claims() == null) {
      return null;
    }
    Map<String, Map<String, PersistentVolumeClaim>> byNamespace = new HashMap<>();
    for (PersistentVolumeClaim c : s.claims()) {
      byNamespace
          .computeIfAbsent(c.meta().namespace(), k -> new HashMap<>())
          .put(c.meta().name(), c);
    }
    return byNamespace;
  }

  private void workloads() {
    Map<String, Map<String, PersistentVolumeClaim>> claims = claimsByNamespace();
    for (WorkloadKind kind : WorkloadKind.values()) {
      List<Workload> list = s.workloads(kind);
      for (Workload w : list == null ? List.<Workload>of() : list) {
        guard(
            "workload",
            () -> {
              ObjectMeta m = w.meta();
              String host = s.controllerHost(new Controller(kind.kind(), m.name()), m.namespace());
              if (host == null) {
                return;
              }
              out.beginHost(host);
              labels.object(kind.hostType(), m, null, List.of());
              WorkloadSections.write(w, out);
              controlledPods(kind.kind(), m);
              if (claims != null && s.pods() != null) {
                PodSections.claimsOf(
                    podsByController.getOrDefault(
                        key(kind.kind(), m.namespace(), m.name()), List.of()),
                    claims.getOrDefault(m.namespace(), Map.of()),
                    out);
              }
              usage.write(host, out);
              out.endHost();
            });
      }
    }
  }

  private void controlledPods(String kind, ObjectMeta m) {
    if (s.pods() != null) {
      List<Pod> pods = podsByController.getOrDefault(key(kind, m.namespace(), m.name()), List.of());
      ResourceSections.write(pods, null, out);
    }
  }

  private void cronJobs() {
    for (CronJob c : s.cronJobs() == null ? List.<CronJob>of() : s.cronJobs()) {
      guard(
          "cronjob",
          () -> {
            ObjectMeta m = c.meta();
            String host = s.controllerHost(new Controller("CronJob", m.name()), m.namespace());
            if (host == null) {
              return;
            }
            out.beginHost(host);
            labels.object("cronjob", m, null, List.of());
            List<Job> jobs =
                s.jobs() == null
                    ? null
                    : jobsByCronJob.getOrDefault(key("CronJob", m.namespace(), m.name()), List.of());
            WorkloadSections.write(c, jobs, out);
            controlledPods("CronJob", m);
            usage.write(host, out);
            out.endHost();
          });
    }
  }

  /** The CronJob owning the job, as a {@link #key}; null for Jobs without one. */
  private static String cronJobKey(Job j) {
    OwnerReference owner = j.meta().controller();
    return owner != null && "CronJob".equals(owner.kind())
        ? key("CronJob", j.meta().namespace(), owner.name())
        : null;
  }
}
