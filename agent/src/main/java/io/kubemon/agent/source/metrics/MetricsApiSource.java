package io.kubemon.agent.source.metrics;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.status.SourceLog;
import io.kubemon.agent.usage.UsageData;
import io.kubemon.agent.usage.UsageSource;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
  private String lastTimestamp;

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

  private boolean list(String id, String path, ItemReader perItem) {
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

  /** An item's reader: it reads exactly one value from the stream. */
  @FunctionalInterface
  private interface ItemReader {
    void read(JsonReader in) throws IOException;
  }

  /**
   * Streams {@code items} straight into the usage data, one item at a time and without a tree
   * per item (30,000 pods are 30,000 items). An item of the wrong shape fails the list.
   */
  private static Void readItems(JsonReader in, ItemReader perItem) throws IOException {
    in.beginObject();
    while (in.hasNext()) {
      if (!in.nextName().equals("items")) {
        in.skipValue();
        continue;
      }
      in.beginArray();
      while (in.hasNext()) {
        try {
          perItem.read(in);
        } catch (RuntimeException e) {
          throw new IOException("unreadable item in items[]: " + e.getMessage(), e);
        }
      }
      in.endArray();
    }
    in.endObject();
    return null;
  }

  /** {@code {"metadata":{"name"},"timestamp","usage":{"cpu","memory"}}}. */
  private void node(UsageData data, JsonReader in) throws IOException {
    String[] name = new String[1];
    String[] usage = null;
    String timestamp = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.nextName()) {
        case "metadata" -> metadata(in, name, null);
        case "timestamp" -> timestamp = scalar(in);
        case "usage" -> usage = usage(in);
        default -> in.skipValue();
      }
    }
    in.endObject();
    Map<String, Double> node = data.node(required(name[0], "metadata.name"));
    seen(data, timestamp);
    if (usage != null) {
      put(node, UsageData.CPU, quantity(usage[0]));
      put(node, UsageData.MEMORY, quantity(usage[1]));
    }
  }

  /**
   * {@code {"metadata":{"name","namespace"},"timestamp","containers":[{"name","usage":{…}}]}};
   * the fields may come in any order, so containers wait for the pod's name.
   */
  private void pod(UsageData data, JsonReader in) throws IOException {
    String[] name = new String[1];
    String[] namespace = new String[1];
    String timestamp = null;
    List<String[]> containers = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.nextName()) {
        case "metadata" -> metadata(in, name, namespace);
        case "timestamp" -> timestamp = scalar(in);
        case "containers" -> containers = containers(in);
        default -> in.skipValue();
      }
    }
    in.endObject();
    UsageData.PodUsage pod = data.pod(
        required(namespace[0], "metadata.namespace"), required(name[0], "metadata.name"));
    seen(data, timestamp);
    for (String[] c : required(containers, "containers")) {
      Map<String, Double> container = pod.container(c[0]);
      put(container, UsageData.CPU, quantity(c[1]));
      put(container, UsageData.MEMORY, quantity(c[2]));
    }
  }

  private static void metadata(JsonReader in, String[] name, String[] namespace)
      throws IOException {
    in.beginObject();
    while (in.hasNext()) {
      String field = in.nextName();
      if (field.equals("name")) {
        name[0] = in.nextString();
      } else if (namespace != null && field.equals("namespace")) {
        namespace[0] = in.nextString();
      } else {
        in.skipValue();
      }
    }
    in.endObject();
  }

  /** Each container as {name, cpu, memory}; cpu and memory null where not given. */
  private static List<String[]> containers(JsonReader in) throws IOException {
    List<String[]> result = new ArrayList<>(2);
    in.beginArray();
    while (in.hasNext()) {
      String name = null;
      String[] usage = null;
      in.beginObject();
      while (in.hasNext()) {
        switch (in.nextName()) {
          case "name" -> name = in.nextString();
          case "usage" -> usage = usage(in);
          default -> in.skipValue();
        }
      }
      in.endObject();
      result.add(new String[] {
        required(name, "containers[].name"),
        usage == null ? null : usage[0],
        usage == null ? null : usage[1]});
    }
    in.endArray();
    return result;
  }

  /** {@code {"cpu","memory"}} as {cpu, memory}; null for JSON null (no usage). */
  private static String[] usage(JsonReader in) throws IOException {
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    String[] result = new String[2];
    in.beginObject();
    while (in.hasNext()) {
      switch (in.nextName()) {
        case "cpu" -> result[0] = quantityText(in);
        case "memory" -> result[1] = quantityText(in);
        default -> in.skipValue();
      }
    }
    in.endObject();
    return result;
  }

  /** A quantity's text; null for JSON null. */
  private static String quantityText(JsonReader in) throws IOException {
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    return in.nextString(); // a string or a number; anything else fails the item
  }

  /** A string, number or boolean as text; null for anything else (skipped). */
  private static String scalar(JsonReader in) throws IOException {
    JsonToken t = in.peek();
    if (t == JsonToken.STRING || t == JsonToken.NUMBER) {
      return in.nextString();
    }
    if (t == JsonToken.BOOLEAN) {
      return String.valueOf(in.nextBoolean());
    }
    in.skipValue();
    return null;
  }

  private static <T> T required(T value, String field) {
    if (value == null) {
      throw new IllegalStateException("no " + field);
    }
    return value;
  }

  private static void put(Map<String, Double> into, String field, Double value) {
    if (value != null) {
      into.put(field, value);
    }
  }

  private static Double quantity(String text) {
    return text == null ? null : UsageData.quantity(text);
  }

  /** Every item carries its scrape time; most share one, which is then parsed once. */
  private void seen(UsageData data, String timestamp) {
    if (timestamp != null && !timestamp.equals(lastTimestamp)) {
      lastTimestamp = timestamp;
      try {
        data.seen(Instant.parse(timestamp).getEpochSecond());
      } catch (DateTimeParseException e) {
        // A sample without a readable time still counts; the section then carries 0.
      }
    }
  }
}
