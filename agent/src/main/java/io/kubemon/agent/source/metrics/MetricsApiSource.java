package io.kubemon.agent.source.metrics;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.status.SourceLog;
import io.kubemon.agent.usage.UsageData;
import io.kubemon.agent.usage.UsageSource;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads metrics.k8s.io (metrics-server or prometheus-adapter's resource rules) in exactly two list
 * calls: every node's and every pod's CPU and memory working set. CPU comes in nanocores
 * ({@code 487558164n}), memory in {@code Ki}.
 */
public final class MetricsApiSource {
  static final String NODES = "/apis/metrics.k8s.io/v1beta1/nodes";
  static final String PODS = "/apis/metrics.k8s.io/v1beta1/pods";
  private static final String HINT =
      "check that metrics-server or prometheus-adapter serves metrics.k8s.io"
          + " (kubectl get apiservice v1beta1.metrics.k8s.io) and that the ClusterRole"
          + " check-mk-metrics-reader"
          + " grants list nodes and pods in apiGroup metrics.k8s.io";

  private final JsonSource api;
  private final SourceLog log;

  public MetricsApiSource(JsonSource api, SourceLog log) {
    this.api = api;
    this.log = log;
  }

  /** Node and pod usage; whatever list failed is missing (and logged). Null if both failed. */
  public UsageData usage() {
    UsageData data = new UsageData(UsageSource.METRICS_API);
    boolean nodes = list("metrics/nodes", NODES, item -> node(data, item));
    boolean pods = list("metrics/pods", PODS, item -> pod(data, item));
    data.completePods();
    return nodes || pods ? data : null;
  }

  private boolean list(String id, String path, Consumer<JsonObject> perItem) {
    long start = System.nanoTime();
    try {
      api.getJson(path, in -> readItems(in, perItem));
      log.ok(id, "GET " + path, 1, (System.nanoTime() - start) / 1e9);
      return true;
    } catch (SourceException e) {
      log.failed(id, withHint(e), 1, (System.nanoTime() - start) / 1e9);
      return false;
    }
  }

  private static SourceException withHint(SourceException e) {
    if (e.hint() != null) {
      return e;
    }
    return new SourceException(
        e.request(), e.httpStatus(), e.getMessage(), HINT, "metrics-api", e);
  }

  /** Streams {@code items}, materialising one item at a time. */
  private static Void readItems(JsonReader in, Consumer<JsonObject> perItem) throws IOException {
    in.beginObject();
    while (in.hasNext()) {
      if (!in.nextName().equals("items")) {
        in.skipValue();
        continue;
      }
      in.beginArray();
      while (in.hasNext()) {
        JsonElement item = JsonParser.parseReader(in);
        try {
          perItem.accept(item.getAsJsonObject());
        } catch (RuntimeException e) {
          throw new IOException("unreadable item in items[]: " + e.getMessage(), e);
        }
      }
      in.endArray();
    }
    in.endObject();
    return null;
  }

  private static void node(UsageData data, JsonObject item) {
    String name = item.getAsJsonObject("metadata").get("name").getAsString();
    JsonObject usage = item.getAsJsonObject("usage");
    seen(data, item);
    put(data.node(name), UsageData.CPU, quantity(usage, "cpu"));
    put(data.node(name), UsageData.MEMORY, quantity(usage, "memory"));
  }

  private static void pod(UsageData data, JsonObject item) {
    JsonObject meta = item.getAsJsonObject("metadata");
    UsageData.PodUsage pod =
        data.pod(meta.get("namespace").getAsString(), meta.get("name").getAsString());
    seen(data, item);
    for (JsonElement c : item.getAsJsonArray("containers")) {
      JsonObject container = c.getAsJsonObject();
      JsonObject usage = container.getAsJsonObject("usage");
      String name = container.get("name").getAsString();
      put(pod.container(name), UsageData.CPU, quantity(usage, "cpu"));
      put(pod.container(name), UsageData.MEMORY, quantity(usage, "memory"));
    }
  }

  private static void put(Map<String, Double> into, String field, Double value) {
    if (value != null) {
      into.put(field, value);
    }
  }

  private static Double quantity(JsonObject usage, String name) {
    JsonElement v = usage == null ? null : usage.get(name);
    return v == null || v.isJsonNull() ? null : UsageData.quantity(v.getAsString());
  }

  private static void seen(UsageData data, JsonObject item) {
    JsonElement ts = item.get("timestamp");
    if (ts != null && ts.isJsonPrimitive()) {
      try {
        data.seen(Instant.parse(ts.getAsString()).getEpochSecond());
      } catch (DateTimeParseException e) {
        // A sample without a readable time still counts; the section then carries 0.
      }
    }
  }
}
