package io.kubemon.agent.source;

import java.util.List;

/**
 * Every request the agent can make to the API server, with the RBAC rule it needs. The
 * manifests' tests derive the expected ClusterRole from this list, and the agent's error hints
 * ("grant list cronjobs") come from it, so RBAC and code cannot drift apart. A source's id in
 * kubemon_agent_status_v1 is an entry's id, optionally followed by ":" and what it was for (a node,
 * a namespace, a query's name).
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

  private static final String METRICS = "/apis/metrics.k8s.io/v1beta1";
  private static final String CUSTOM_METRICS = "/apis/custom.metrics.k8s.io/v1beta1";

  /** The default --prometheus-service, check-mk/https:prometheus:9090. */
  private static final String PROMETHEUS =
      "/api/v1/namespaces/check-mk/services/https:prometheus:9090/proxy";

  /**
   * A metric that manifests/custom-metrics.yaml defines. The API server authorizes {@code
   * .../pods/*}{@code /<metric>} as resource "pods/<metric>" and a namespace's own value, {@code
   * .../namespaces/<ns>/metrics/<metric>}, as resource "metrics" named {@code <metric>}.
   */
  private static Entry customMetric(String kind, String metric) {
    String source = "custom-metrics/" + kind + "/" + metric;
    return switch (kind) {
      case "pods" ->
          new Entry(
              source,
              "custom.metrics.k8s.io",
              "pods/" + metric,
              "get",
              CUSTOM_METRICS + "/namespaces/{namespace}/pods/*/" + metric);
      case "nodes" ->
          new Entry(
              source,
              "custom.metrics.k8s.io",
              "nodes/" + metric,
              "get",
              CUSTOM_METRICS + "/nodes/*/" + metric);
      default ->
          new Entry(
              source,
              "custom.metrics.k8s.io",
              "metrics",
              "get",
              CUSTOM_METRICS + "/namespaces/{namespace}/metrics/" + metric);
    };
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
              "/apis/storage.k8s.io/v1/storageclasses"),
          new Entry("metrics/nodes", "metrics.k8s.io", "nodes", "list", METRICS + "/nodes"),
          new Entry("metrics/pods", "metrics.k8s.io", "pods", "list", METRICS + "/pods"),
          new Entry(
              "pipeline/apiservice",
              "apiregistration.k8s.io",
              "apiservices",
              "get",
              "/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.custom.metrics.k8s.io"),
          // Discovery of the adapter's metrics; /apis/* is granted to every authenticated user
          // by the built-in ClusterRole system:discovery, so no check-mk rule is needed.
          new Entry("pipeline/custom-metrics", null, null, "get", CUSTOM_METRICS),
          customMetric("pods", "kubemon_cpu_usage_cores"),
          customMetric("pods", "kubemon_memory_working_set_bytes"),
          customMetric("nodes", "kubemon_cpu_usage_cores"),
          customMetric("nodes", "kubemon_memory_working_set_bytes"),
          customMetric("namespaces", "kubemon_cpu_usage_cores"),
          customMetric("namespaces", "kubemon_memory_working_set_bytes"),
          new Entry("prometheus/query", "", "services/proxy", "get", PROMETHEUS + "/api/v1/query"),
          new Entry(
              "prometheus/targets", "", "services/proxy", "get", PROMETHEUS + "/api/v1/targets"),
          // Optional route, granted only by manifests/check_mk_kubelet_rbac.yaml.
          new Entry(
              "kubelet/stats-summary",
              "",
              "nodes/proxy",
              "get",
              "/api/v1/nodes/{node}/proxy/stats/summary"),
          // The same grant, for --kubelet-health.
          new Entry(
              "kubelet/healthz", "", "nodes/proxy", "get", "/api/v1/nodes/{node}/proxy/healthz"));

  public static List<Entry> all() {
    return ENTRIES;
  }

  /** Discovery paths ({@code /apis/GROUP/VERSION}) that system:discovery grants to everyone. */
  public static boolean grantedByDiscovery(Entry entry) {
    return entry.nonResource() && entry.path().matches("/apis/[^/]+/[^/]+");
  }

  public static Entry bySource(String source) {
    return ENTRIES.stream()
        .filter(e -> e.source().equals(source))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no catalogue entry " + source));
  }
}
