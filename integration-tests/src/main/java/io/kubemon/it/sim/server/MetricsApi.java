package io.kubemon.it.sim.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubemon.it.sim.cluster.ClusterStore;
import io.kubemon.it.sim.cluster.Json;
import io.kubemon.it.sim.cluster.ObjectSource;
import io.kubemon.it.sim.cluster.Resource;
import io.kubemon.it.sim.cluster.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * metrics.k8s.io (as metrics-server serves it on k3s) and custom.metrics.k8s.io (as
 * prometheus-adapter serves it once its APIService is registered), from the cluster's own pods.
 */
final class MetricsApi {
  static final String METRICS = "metrics.k8s.io";
  static final String CUSTOM = "custom.metrics.k8s.io";
  static final String CUSTOM_APISERVICE = "v1beta1.custom.metrics.k8s.io";

  /** The pod metrics the simulated adapter offers, by name, as a function of one container. */
  private static final Map<String, BiFunction<JsonObject, String, Double>> POD_METRICS =
      Map.of(
          "kubemon_cpu_usage_cores",
          (pod, c) -> Usage.cpuCores(pod, c),
          "kubemon_memory_working_set_bytes",
          (pod, c) -> (double) Usage.memoryBytes(pod, c));

  private final ClusterStore store;

  MetricsApi(ClusterStore store) {
    this.store = store;
  }

  boolean customMetricsRegistered() {
    return store.find(Resource.APISERVICES, null, CUSTOM_APISERVICE).isPresent();
  }

  JsonObject discovery(String group) {
    JsonArray resources = new JsonArray();
    if (group.equals(METRICS)) {
      resources.add(apiResource("nodes", "NodeMetrics", false, "get", "list"));
      resources.add(apiResource("pods", "PodMetrics", true, "get", "list"));
    } else {
      for (String metric : POD_METRICS.keySet().stream().sorted().toList()) {
        resources.add(apiResource("pods/" + metric, "MetricValueList", true, "get"));
        resources.add(apiResource("namespaces/" + metric, "MetricValueList", false, "get"));
      }
    }
    return Json.of(
        "kind",
        "APIResourceList",
        "apiVersion",
        "v1",
        "groupVersion",
        group + "/v1beta1",
        "resources",
        resources);
  }

  private static JsonObject apiResource(
      String name, String kind, boolean namespaced, String... verbs) {
    return Json.of(
        "name",
        name,
        "singularName",
        "",
        "namespaced",
        namespaced,
        "kind",
        kind,
        "verbs",
        Json.array((Object[]) verbs));
  }

  Reply metrics(RequestInfo request) {
    String now = Instant.now().toString();
    JsonArray items = new JsonArray();
    if (request.plural().equals("nodes")) {
      for (JsonObject node : store.all(Resource.NODES)) {
        if (request.name() != null && !request.name().equals(Json.name(node))) {
          continue;
        }
        double cpu = 0.15 + Usage.cpuCores("", Json.name(node), "node") * 2;
        long memory = 600L * 1024 * 1024 + Usage.memoryBytes("", Json.name(node), "node");
        items.add(
            Json.of(
                "metadata",
                Json.of("name", Json.name(node), "creationTimestamp", now),
                "timestamp",
                now,
                "window",
                "20.064s",
                "usage",
                Json.of("cpu", nanocores(cpu), "memory", kibibytes(memory))));
      }
      return single(request, items, "NodeMetrics");
    }
    for (PodUsage pod : runningPodUsage(request.namespace())) {
      if (request.name() != null && !request.name().equals(pod.name())) {
        continue;
      }
      JsonArray containers = new JsonArray();
      for (ContainerUsage c : pod.containers()) {
        containers.add(
            Json.of("name", c.name(), "usage", Json.of("cpu", c.cpu(), "memory", c.memory())));
      }
      items.add(
          Json.of(
              "metadata",
              Json.of(
                  "name",
                  pod.name(),
                  "namespace",
                  pod.namespace(),
                  "creationTimestamp",
                  now),
              "timestamp",
              now,
              "window",
              "20.064s",
              "containers",
              containers));
    }
    return single(request, items, "PodMetrics");
  }

  private static Reply single(RequestInfo request, JsonArray items, String kind) {
    if (request.name() == null) {
      return Reply.json(
          200,
          Json.of(
              "kind",
              kind + "List",
              "apiVersion",
              METRICS + "/v1beta1",
              "metadata",
              new JsonObject(),
              "items",
              items));
    }
    if (items.isEmpty()) {
      return Reply.notFound(
          request.plural() + "." + METRICS + " \"" + request.name() + "\" not found");
    }
    JsonObject one = items.get(0).getAsJsonObject();
    one.addProperty("kind", kind);
    one.addProperty("apiVersion", METRICS + "/v1beta1");
    return Reply.json(200, one);
  }

  /** {@code namespaces/{ns}/pods/{name|*}/{metric}}; 404 for metrics the adapter does not offer. */
  Reply customMetric(RequestInfo request) {
    String metric = request.subresource();
    BiFunction<JsonObject, String, Double> value = metric == null ? null : POD_METRICS.get(metric);
    if (!request.plural().equals("pods") || value == null || request.namespace() == null) {
      return Reply.notFound(
          "the server could not find the metric " + metric + " for " + request.plural());
    }
    String now = Instant.now().toString();
    JsonArray items = new JsonArray();
    for (JsonObject pod : runningPods(request.namespace())) {
      if (!"*".equals(request.name()) && !Json.name(pod).equals(request.name())) {
        continue;
      }
      double sum = containerNames(pod).stream().mapToDouble(c -> value.apply(pod, c)).sum();
      items.add(
          Json.of(
              "describedObject",
              Json.of(
                  "kind",
                  "Pod",
                  "namespace",
                  Json.namespace(pod),
                  "name",
                  Json.name(pod),
                  "apiVersion",
                  "/v1"),
              "metricName",
              metric,
              "timestamp",
              now,
              "window",
              60,
              "value",
              metric.endsWith("_cores") ? cpuQuantity(sum) : Long.toString(Math.round(sum)),
              "selector",
              null));
    }
    return Reply.json(
        200,
        Json.of(
            "kind",
            "MetricValueList",
            "apiVersion",
            CUSTOM + "/v1beta1",
            "metadata",
            new JsonObject(),
            "items",
            items));
  }

  private record ContainerUsage(String name, String cpu, String memory) {}

  /** A running pod's usage as metrics.k8s.io writes it. */
  private record PodUsage(String name, String namespace, List<ContainerUsage> containers) {}

  /**
   * The usage of each running pod of a generated source, made once: making the 150,000 pods of
   * the benchmark's largest cluster again for every metrics request took a third of the
   * simulator's CPU. Usage is a function of the pod (see {@link Usage}), so it stays the same.
   */
  private final Map<ObjectSource, List<PodUsage>> generatedUsage = new ConcurrentHashMap<>();

  private List<PodUsage> runningPodUsage(String namespace) {
    List<PodUsage> out = new ArrayList<>();
    for (ObjectSource source : store.sources(Resource.PODS)) {
      List<PodUsage> usage =
          source.immutable()
              ? generatedUsage.computeIfAbsent(source, MetricsApi::runningPodUsage)
              : runningPodUsage(source);
      for (PodUsage pod : usage) {
        if (namespace == null || namespace.equals(pod.namespace())) {
          out.add(pod);
        }
      }
    }
    return out;
  }

  private static List<PodUsage> runningPodUsage(ObjectSource source) {
    List<PodUsage> out = new ArrayList<>();
    for (int i = 0, n = source.size(); i < n; i++) {
      JsonObject pod = source.get(i);
      if ("Running".equals(Json.str(Json.obj(pod, "status"), "phase"))) {
        out.add(new PodUsage(Json.name(pod), Json.namespace(pod),
            containerNames(pod).stream()
                .map(c -> new ContainerUsage(c, nanocores(Usage.cpuCores(pod, c)),
                    kibibytes(Usage.memoryBytes(pod, c))))
                .toList()));
      }
    }
    return out;
  }

  private List<JsonObject> runningPods(String namespace) {
    return store.all(Resource.PODS).stream()
        .filter(p -> "Running".equals(Json.str(Json.obj(p, "status"), "phase")))
        .filter(p -> namespace == null || namespace.equals(Json.namespace(p)))
        .toList();
  }

  static List<String> containerNames(JsonObject pod) {
    return Json.arr(Json.obj(pod, "spec"), "containers").asList().stream()
        .map(JsonElement::getAsJsonObject)
        .map(c -> Json.str(c, "name"))
        .toList();
  }

  /** A Kubernetes quantity for cores: {@code 10500m}, or whole cores as {@code 2}. */
  static String cpuQuantity(double cores) {
    long milli = Math.round(cores * 1000);
    return milli % 1000 == 0 ? Long.toString(milli / 1000) : milli + "m";
  }

  /** metrics-server style: nanocores. */
  static String nanocores(double cores) {
    return Math.round(cores * 1e9) + "n";
  }

  /** metrics-server style: KiB. */
  static String kibibytes(long bytes) {
    return (bytes / 1024) + "Ki";
  }
}
