package io.kubemon.agent.source.custommetrics;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.status.SourceLog;
import io.kubemon.agent.usage.NamedValue;
import io.kubemon.agent.usage.PipelineHealth;
import io.kubemon.agent.usage.UsageData;
import io.kubemon.agent.usage.UsageOptions.CustomMetric;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads custom.metrics.k8s.io (prometheus-adapter): discovery once, the APIService condition, and
 * each configured metric with at most one request per namespace that has pods, never per pod.
 */
public final class CustomMetricsSource {
  static final String GROUP = "/apis/custom.metrics.k8s.io/v1beta1";
  static final String APISERVICE =
      "/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.custom.metrics.k8s.io";
  static final String NO_METRICS =
      "custom metrics API offers no metrics yet: prometheus-adapter has not discovered any series;"
          + " check its rules and that Prometheus scrapes the kubelet";

  /** Catalogue ids; a metric's id is custom-metrics/RESOURCE/METRIC, plus ":" and the namespace. */
  static final String APISERVICE_ID = "pipeline/apiservice";

  public static final String DISCOVERY = "pipeline/custom-metrics";

  private final JsonSource api;
  private final SourceLog log;

  public CustomMetricsSource(JsonSource api, SourceLog log) {
    this.api = api;
    this.log = log;
  }

  /** The APIService's {@code Available} condition; null fields when it cannot be read. */
  public PipelineHealth.Adapter adapter() {
    long start = System.nanoTime();
    try {
      PipelineHealth.Adapter a = api.getJson(APISERVICE, in -> available(JsonParser.parseReader(in)));
      log.ok(APISERVICE_ID, "GET " + APISERVICE, 1, seconds(start));
      return a;
    } catch (SourceException e) {
      log.failed(APISERVICE_ID, e, 1, seconds(start));
      return new PipelineHealth.Adapter("v1beta1.custom.metrics.k8s.io", null, null, e.getMessage());
    }
  }

  private static PipelineHealth.Adapter available(JsonElement body) {
    JsonObject status = body.getAsJsonObject().getAsJsonObject("status");
    if (status != null && status.has("conditions")) {
      for (JsonElement c : status.getAsJsonArray("conditions")) {
        JsonObject cond = c.getAsJsonObject();
        if ("Available".equals(text(cond, "type"))) {
          return new PipelineHealth.Adapter(
              "v1beta1.custom.metrics.k8s.io",
              "True".equals(text(cond, "status")),
              text(cond, "reason"),
              text(cond, "message"));
        }
      }
    }
    return new PipelineHealth.Adapter("v1beta1.custom.metrics.k8s.io", null, null, null);
  }

  /** The names the adapter offers ({@code pods/<metric>}), or null when discovery failed. */
  public Set<String> discover() {
    long start = System.nanoTime();
    try {
      Set<String> names = api.getJson(GROUP, in -> resourceNames(JsonParser.parseReader(in)));
      if (names.isEmpty()) {
        log.failed(
            DISCOVERY,
            new SourceException("GET " + GROUP, 200, NO_METRICS, NO_METRICS_HINT, "adapter-no-metrics"),
            1,
            seconds(start));
      } else {
        log.ok(DISCOVERY, "GET " + GROUP, 1, seconds(start));
      }
      return names;
    } catch (SourceException e) {
      log.failed(DISCOVERY, e, 1, seconds(start));
      return null;
    }
  }

  private static final String NO_METRICS_HINT =
      "kubectl -n check-mk logs deploy/prometheus-adapter; its rules must match series"
          + " Prometheus really has (e.g. container_cpu_usage_seconds_total)";

  private static Set<String> resourceNames(JsonElement body) {
    Set<String> names = new HashSet<>();
    JsonElement resources = body.getAsJsonObject().get("resources");
    if (resources != null && resources.isJsonArray()) {
      for (JsonElement r : resources.getAsJsonArray()) {
        names.add(r.getAsJsonObject().get("name").getAsString());
      }
    }
    return names;
  }

  /**
   * Reads each metric: pods and namespaces once per namespace in {@code namespaces}, nodes once.
   *
   * @param offered the discovery result; a metric not in it is reported, not requested
   */
  public List<NamedValue> values(
      List<CustomMetric> metrics, Set<String> offered, Collection<String> namespaces) {
    List<NamedValue> result = new ArrayList<>();
    for (CustomMetric m : metrics) {
      if (!offered.contains(m.discoveryName())) {
        result.add(
            new NamedValue(m.metric(), null, null, null, null,
                m.discoveryName() + " is not offered by the custom metrics API ("
                    + offered.size() + " metrics offered); check prometheus-adapter's rules"));
        continue;
      }
      if (m.resource().equals("nodes")) {
        read(m, null, GROUP + "/nodes/*/" + m.metric(), result);
        continue;
      }
      for (String ns : namespaces) {
        String path =
            m.resource().equals("pods")
                ? GROUP + "/namespaces/" + ns + "/pods/*/" + m.metric()
                : GROUP + "/namespaces/" + ns + "/metrics/" + m.metric();
        read(m, ns, path, result);
      }
    }
    return result;
  }

  private void read(CustomMetric m, String namespace, String path, List<NamedValue> result) {
    long start = System.nanoTime();
    String id = "custom-metrics/" + m.discoveryName() + (namespace == null ? "" : ":" + namespace);
    try {
      result.addAll(api.getJson(path, in -> MetricValues.read(m.metric(), in)));
      log.ok(id, "GET " + path, 1, seconds(start));
    } catch (SourceException e) {
      log.failed(id, e, 1, seconds(start));
      result.add(new NamedValue(m.metric(), null, namespace, null, null, e.getMessage()));
    }
  }

  private static String text(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
