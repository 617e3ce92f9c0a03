package io.kubemon.it.sim.cluster;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A generated cluster of N nodes with about P pods each, every object computed from (seed, index)
 * when it is listed. Layout of the pods, by index: one {@code node-agent} DaemonSet pod per node;
 * three unhealthy pods in {@code default} ({@code crashy}: CrashLoopBackOff after OOMKilled, {@code
 * bad-image}: ImagePullBackOff, {@code unschedulable}: Pending); then apps of three replicas spread
 * over the team namespaces, where app j is a Deployment, except a StatefulSet (with PVCs) for j %
 * 10 == 7 and a CronJob (one completed Job) for j % 10 == 8. One more Job, {@code
 * default/db-migrate}, belongs to no CronJob and has failed.
 */
public final class GeneratedCluster {
  /** What to generate; {@code now} anchors every timestamp, so the output is deterministic. */
  public record Spec(long seed, int nodes, int podsPerNode, Instant now) {
    public Spec {
      if (nodes < 1 || podsPerNode < 1) {
        throw new IllegalArgumentException(
            "a generated cluster needs at least 1 node and 1 pod per node, got "
                + nodes
                + " x "
                + podsPerNode);
      }
    }

    public static Spec of(long seed, int nodes, int podsPerNode) {
      return new Spec(seed, nodes, podsPerNode, Instant.now());
    }
  }

  static final String[] UNHEALTHY = {"crashy", "bad-image", "unschedulable"};
  private static final int[] DEPLOYMENT_SLOTS = {0, 1, 2, 3, 4, 5, 6, 9};
  private static final int[] STATEFULSET_SLOTS = {7};
  private static final int[] CRONJOB_SLOTS = {8};

  final Spec spec;
  final List<String> namespaces = new ArrayList<>();
  final int apps;
  final int specials;
  private final GeneratedObjects objects;
  private final Workloads workloads;
  private final StorageObjects storage;

  private GeneratedCluster(Spec spec) {
    this.spec = spec;
    namespaces.add("default");
    namespaces.add("kube-system");
    int teams = Math.max(2, Math.min(50, spec.nodes() / 10));
    for (int t = 0; t < teams; t++) {
      namespaces.add("team-" + t);
    }
    int total = spec.nodes() * spec.podsPerNode();
    specials = Math.max(0, Math.min(UNHEALTHY.length, total - spec.nodes()));
    apps = Math.max(0, (total - spec.nodes() - specials) / 3);
    objects = new GeneratedObjects(this);
    workloads = new Workloads(objects);
    storage = new StorageObjects(objects);
  }

  /** Seeds a store (a simulator's {@code store()}); returns the cluster so tests can ask. */
  public static GeneratedCluster seed(ClusterStore store, Spec spec) {
    GeneratedCluster cluster = new GeneratedCluster(spec);
    store.add(Resource.NODES, source(spec.nodes(), cluster.objects::node));
    store.add(Resource.NAMESPACES, source(cluster.namespaces.size(), cluster.objects::namespace));
    store.add(Resource.PODS, source(cluster.podCount(), cluster.objects::pod));
    store.add(
        Resource.DEPLOYMENTS,
        source(
            cluster.specials + count(cluster.apps, DEPLOYMENT_SLOTS),
            i -> cluster.workloads.deployment(cluster.deploymentApp(i))));
    store.add(
        resource("apps", "replicasets"),
        source(
            cluster.specials + count(cluster.apps, DEPLOYMENT_SLOTS),
            i -> cluster.workloads.replicaSet(cluster.deploymentApp(i))));
    store.add(resource("apps", "daemonsets"), source(1, i -> cluster.workloads.daemonSet()));
    store.add(
        resource("apps", "statefulsets"),
        source(
            count(cluster.apps, STATEFULSET_SLOTS),
            i -> cluster.workloads.statefulSet(appAt(i, STATEFULSET_SLOTS))));
    store.add(
        resource("batch", "cronjobs"),
        source(
            count(cluster.apps, CRONJOB_SLOTS),
            i -> cluster.workloads.cronJob(appAt(i, CRONJOB_SLOTS))));
    store.add(
        resource("batch", "jobs"),
        source(
            count(cluster.apps, CRONJOB_SLOTS) + 1,
            i ->
                i < count(cluster.apps, CRONJOB_SLOTS)
                    ? cluster.workloads.job(appAt(i, CRONJOB_SLOTS))
                    : cluster.workloads.failedStandaloneJob()));
    int claims = 3 * count(cluster.apps, STATEFULSET_SLOTS);
    store.add(
        resource("", "persistentvolumeclaims"),
        source(claims, i -> cluster.storage.claim(appAt(i / 3, STATEFULSET_SLOTS), i % 3)));
    store.add(
        resource("", "persistentvolumes"),
        source(claims, i -> cluster.storage.volume(appAt(i / 3, STATEFULSET_SLOTS), i % 3)));
    store.add(
        resource("", "resourcequotas"),
        source(
            cluster.namespaces.size() - 2,
            i -> {
              String namespace = cluster.namespaces.get(i + 2);
              return cluster.storage.quota(namespace, cluster.quotaUsed(namespace));
            }));
    store.add(
        resource("storage.k8s.io", "storageclasses"),
        source(1, i -> cluster.storage.storageClass()));
    return cluster;
  }

  /**
   * What a ResourceQuota in {@code namespace} counts as used, as the quota controller does: the
   * requests and limits of the namespace's pods that are not terminal (a completed CronJob pod
   * counts no more), each of an app's three pods with its template's resources.
   */
  JsonObject quotaUsed(String namespace) {
    double[] sums = new double[4];
    int pods = 0;
    String[][] keys = {{"requests", "cpu"}, {"limits", "cpu"}, {"requests", "memory"},
        {"limits", "memory"}};
    for (int app = 0; app < apps; app++) {
      if (!appNamespace(app).equals(namespace) || appKind(app).equals("CronJob")) {
        continue;
      }
      JsonObject resources = Pods.resources(appName(app));
      for (int k = 0; k < keys.length; k++) {
        JsonObject group = resources.getAsJsonObject(keys[k][0]);
        if (group != null && group.has(keys[k][1])) {
          sums[k] += 3 * Usage.quantity(group.get(keys[k][1]).getAsString());
        }
      }
      pods += 3;
    }
    return Json.of(
        "requests.cpu", Math.round(sums[0] * 1000) + "m",
        "limits.cpu", Math.round(sums[1] * 1000) + "m",
        "requests.memory", Math.round(sums[2] / (1 << 20)) + "Mi",
        "limits.memory", Math.round(sums[3] / (1 << 20)) + "Mi",
        "pods", Integer.toString(pods));
  }

  public int podCount() {
    return spec.nodes() + specials + 3 * apps;
  }

  public String nodeName(int node) {
    return String.format("sim-node-%04d", node);
  }

  /** Kind of app j: Deployment, StatefulSet or CronJob. */
  String appKind(int app) {
    return switch (app % 10) {
      case 7 -> "StatefulSet";
      case 8 -> "CronJob";
      default -> "Deployment";
    };
  }

  String appName(int app) {
    String[] words = {
      "checkout",
      "cart",
      "search",
      "catalog",
      "payments",
      "auth",
      "orders",
      "ledger",
      "reports",
      "gateway"
    };
    return words[app % words.length] + "-" + app;
  }

  String appNamespace(int app) {
    return namespaces.get(2 + app % (namespaces.size() - 2));
  }

  /** Deployment i: the unhealthy ones first (as app -1, -2, -3), then the apps of that kind. */
  int deploymentApp(int index) {
    return index < specials ? -1 - index : appAt(index - specials, DEPLOYMENT_SLOTS);
  }

  private static int count(int apps, int[] slots) {
    int n = (apps / 10) * slots.length;
    for (int slot : slots) {
      if (slot < apps % 10) {
        n++;
      }
    }
    return n;
  }

  private static int appAt(int index, int[] slots) {
    return (index / slots.length) * 10 + slots[index % slots.length];
  }

  private static Resource resource(String group, String plural) {
    return Resource.byPlural(group, plural).orElseThrow();
  }

  private static ObjectSource source(int size, IntFunction<JsonObject> item) {
    return new ObjectSource() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public JsonObject get(int index) {
        return item.apply(index);
      }

      @Override
      public boolean immutable() {
        return true;
      }
    };
  }
}
