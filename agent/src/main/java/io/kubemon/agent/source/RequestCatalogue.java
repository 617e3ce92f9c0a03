package io.kubemon.agent.source;

import java.util.List;

/**
 * Every request the agent can make to the API server, with the RBAC rule it needs. The
 * manifests' tests derive the expected ClusterRole from this list, and the agent's error hints
 * ("grant list cronjobs") come from it, so RBAC and code cannot drift apart.
 */
public final class RequestCatalogue {
  private RequestCatalogue() {}

  /**
   * One request kind. {@code apiGroup} is "" for the core group; {@code resource} is null for a
   * non-resource URL, which then sits in {@code path}.
   */
  public record Entry(String source, String apiGroup, String resource, String verb, String path) {
    public boolean nonResource() {
      return resource == null;
    }
  }

  private static final List<Entry> ENTRIES =
      List.of(
          new Entry("kube/version", null, null, "get", "/version"),
          new Entry("kube/livez", null, null, "get", "/livez"),
          new Entry("kube/readyz", null, null, "get", "/readyz"),
          new Entry("kube/nodes", "", "nodes", "list", "/api/v1/nodes"),
          new Entry("kube/namespaces", "", "namespaces", "list", "/api/v1/namespaces"),
          new Entry("kube/pods", "", "pods", "list", "/api/v1/pods"),
          new Entry(
              "kube/persistentvolumes", "", "persistentvolumes", "list", "/api/v1/persistentvolumes"),
          new Entry(
              "kube/persistentvolumeclaims",
              "",
              "persistentvolumeclaims",
              "list",
              "/api/v1/persistentvolumeclaims"),
          new Entry("kube/resourcequotas", "", "resourcequotas", "list", "/api/v1/resourcequotas"),
          new Entry("kube/deployments", "apps", "deployments", "list", "/apis/apps/v1/deployments"),
          new Entry("kube/replicasets", "apps", "replicasets", "list", "/apis/apps/v1/replicasets"),
          new Entry("kube/daemonsets", "apps", "daemonsets", "list", "/apis/apps/v1/daemonsets"),
          new Entry(
              "kube/statefulsets", "apps", "statefulsets", "list", "/apis/apps/v1/statefulsets"),
          new Entry("kube/jobs", "batch", "jobs", "list", "/apis/batch/v1/jobs"),
          new Entry("kube/cronjobs", "batch", "cronjobs", "list", "/apis/batch/v1/cronjobs"),
          new Entry(
              "kube/storageclasses",
              "storage.k8s.io",
              "storageclasses",
              "list",
              "/apis/storage.k8s.io/v1/storageclasses"));

  public static List<Entry> all() {
    return ENTRIES;
  }

  public static Entry bySource(String source) {
    return ENTRIES.stream()
        .filter(e -> e.source().equals(source))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no catalogue entry " + source));
  }
}
