package io.kubemon.it.sim.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.kubemon.it.sim.cluster.ClusterStore;
import io.kubemon.it.sim.cluster.Json;
import io.kubemon.it.sim.cluster.Resource;
import java.util.Map;
import java.util.TreeSet;

/** What the simulated API server answers once a request is authenticated and authorized. */
final class ApiRoutes {
  private final ClusterStore store;
  private final Lists lists;
  private final MetricsApi metrics;
  private final PrometheusProxy proxy;

  ApiRoutes(ClusterStore store, Lists lists, PrometheusProxy proxy) {
    this.store = store;
    this.lists = lists;
    this.metrics = new MetricsApi(store);
    this.proxy = proxy;
  }

  Reply nonResource(String path, Map<String, String> query) {
    return switch (path) {
      case "/version", "/version/" -> Reply.json(200, store.version());
      case "/livez", "/healthz" -> Reply.text(200, "ok");
      case "/readyz" -> Reply.text(200, query.containsKey("verbose") ? readyzVerbose() : "ok");
      case "/api" ->
          Reply.json(
              200,
              Json.of(
                  "kind",
                  "APIVersions",
                  "versions",
                  Json.array("v1"),
                  "serverAddressByClientCIDRs",
                  Json.array(
                      Json.of("clientCIDR", "0.0.0.0/0", "serverAddress", "127.0.0.1:6443"))));
      case "/apis" -> Reply.json(200, groups());
      default -> Reply.notFound("the server could not find the requested resource");
    };
  }

  private static String readyzVerbose() {
    StringBuilder out = new StringBuilder();
    for (String check :
        new String[] {
          "ping",
          "log",
          "etcd",
          "etcd-readiness",
          "informer-sync",
          "poststarthook/start-apiserver-admission-initializer",
          "poststarthook/rbac/bootstrap-roles",
          "shutdown"
        }) {
      out.append("[+]").append(check).append(" ok\n");
    }
    return out.append("readyz check passed").toString();
  }

  private JsonObject groups() {
    TreeSet<String> names = new TreeSet<>();
    Resource.KNOWN.stream().map(Resource::group).filter(g -> !g.isEmpty()).forEach(names::add);
    names.add(MetricsApi.METRICS);
    if (metrics.customMetricsRegistered()) {
      names.add(MetricsApi.CUSTOM);
    }
    JsonArray groups = new JsonArray();
    for (String name : names) {
      String v = name.endsWith("metrics.k8s.io") ? "v1beta1" : "v1";
      JsonObject gv = Json.of("groupVersion", name + "/" + v, "version", v);
      groups.add(Json.of("name", name, "versions", Json.array(gv), "preferredVersion", gv));
    }
    return Json.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups);
  }

  /** Discovery of one group version, e.g. {@code /apis/custom.metrics.k8s.io/v1beta1}. */
  Reply discovery(RequestInfo request) {
    if (request.group().equals(MetricsApi.METRICS)
        || (request.group().equals(MetricsApi.CUSTOM) && metrics.customMetricsRegistered())) {
      return Reply.json(200, metrics.discovery(request.group()));
    }
    JsonArray resources = new JsonArray();
    Resource.KNOWN.stream()
        .filter(r -> r.group().equals(request.group()) && r.version().equals(request.version()))
        .forEach(
            r ->
                resources.add(
                    Json.of(
                        "name",
                        r.plural(),
                        "namespaced",
                        r.namespaced(),
                        "kind",
                        r.kind(),
                        "verbs",
                        Json.array("get", "list"))));
    if (resources.isEmpty()) {
      return Reply.notFound("the server could not find the requested resource");
    }
    return Reply.json(
        200,
        Json.of(
            "kind",
            "APIResourceList",
            "apiVersion",
            "v1",
            "groupVersion",
            request.group().isEmpty() ? "v1" : request.group() + "/" + request.version(),
            "resources",
            resources));
  }

  Reply resource(
      RequestInfo request, Resource resource, Map<String, String> query, String rawQuery) {
    if (request.group().equals(MetricsApi.METRICS)) {
      return metrics.metrics(request);
    }
    if (request.group().equals(MetricsApi.CUSTOM)) {
      return metrics.customMetricsRegistered()
          ? metrics.customMetric(request)
          : Reply.notFound("the server could not find the requested resource");
    }
    if ("proxy".equals(request.subresource()) && resource.plural().equals("nodes")) {
      return "/healthz".equals(request.rest())
          ? kubeletHealthz(request.name())
          : proxy.forwardToKubelet(request.name(), request.rest(), rawQuery);
    }
    if ("proxy".equals(request.subresource()) && resource.plural().equals("services")) {
      return proxy.forward(request.namespace(), request.name(), request.rest(), rawQuery);
    }
    if (request.subresource() != null) {
      return Reply.notFound("the server could not find the requested resource");
    }
    if (request.name() == null) {
      return lists.list(
          resource, request.namespace(), parseLimit(query.get("limit")), query.get("continue"));
    }
    String namespace = resource.namespaced() ? request.namespace() : null;
    return store
        .find(resource, namespace, request.name())
        .map(o -> Reply.json(200, withKind(o, resource)))
        .orElseGet(
            () -> Reply.notFound(qualified(resource) + " \"" + request.name() + "\" not found"));
  }

  /**
   * A kubelet's {@code /healthz} through the node proxy, as a real API server relays it: "ok"
   * from the kubelet of a Ready node; for a node whose kubelet stopped posting (Ready not True)
   * the API server's own 503 for a kubelet it cannot reach.
   */
  private Reply kubeletHealthz(String node) {
    JsonObject found = store.find(Resource.NODES, null, node).orElse(null);
    if (found == null) {
      return Reply.notFound("nodes \"" + node + "\" not found");
    }
    JsonObject status = Json.obj(found, "status");
    boolean ready = false;
    for (var c : Json.arr(status, "conditions")) {
      if ("Ready".equals(Json.str(c.getAsJsonObject(), "type"))) {
        ready = "True".equals(Json.str(c.getAsJsonObject(), "status"));
      }
    }
    String address = node;
    for (var a : Json.arr(status, "addresses")) {
      if ("InternalIP".equals(Json.str(a.getAsJsonObject(), "type"))) {
        address = Json.str(a.getAsJsonObject(), "address");
      }
    }
    return ready
        ? Reply.text(200, "ok")
        : Reply.status(503, "ServiceUnavailable", "error trying to reach service: dial tcp "
            + address + ":10250: connect: connection refused");
  }

  private static JsonObject withKind(JsonObject object, Resource resource) {
    JsonObject copy = object.deepCopy();
    copy.addProperty("kind", resource.kind());
    copy.addProperty("apiVersion", resource.apiVersion());
    return copy;
  }

  static String qualified(Resource resource) {
    return resource.group().isEmpty()
        ? resource.plural()
        : resource.plural() + "." + resource.group();
  }

  private static int parseLimit(String limit) {
    try {
      return limit == null ? 0 : Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Resources outside the store that this server still serves: the aggregated metrics APIs. */
  Resource aggregated(RequestInfo request) {
    if (request.group().equals(MetricsApi.METRICS) || request.group().equals(MetricsApi.CUSTOM)) {
      return new Resource(
          request.group(), request.version(), request.plural(), "", request.namespace() != null);
    }
    return null;
  }
}
