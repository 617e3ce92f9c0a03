package io.kubemon.agent.source.kubelet;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubemon.agent.usage.UsageData;
import java.time.Instant;
import java.util.Map;

/**
 * Maps a kubelet Summary ({@code {"node": …, "pods": […]}}) to usage. Network counters there are
 * cumulative, so the kubelet source gives no rates; fields the runtime leaves out stay absent.
 */
final class StatsSummary {
  private StatsSummary() {}

  static void map(JsonElement body, UsageData data) {
    JsonObject root = body.getAsJsonObject();
    JsonObject node = root.getAsJsonObject("node");
    String nodeName = node.get("nodeName").getAsString();
    Map<String, Double> n = data.node(nodeName);
    put(n, UsageData.CPU, nanoCores(obj(node, "cpu")));
    put(n, UsageData.MEMORY, num(obj(node, "memory"), "workingSetBytes"));
    put(n, UsageData.FS_USED, num(obj(node, "fs"), "usedBytes"));
    put(n, UsageData.FS_CAPACITY, num(obj(node, "fs"), "capacityBytes"));
    seen(data, obj(node, "cpu"));
    if (root.has("pods") && root.get("pods").isJsonArray()) {
      for (JsonElement p : root.getAsJsonArray("pods")) {
        pod(p.getAsJsonObject(), data);
      }
    }
  }

  private static void pod(JsonObject pod, UsageData data) {
    JsonObject ref = pod.getAsJsonObject("podRef");
    String namespace = ref.get("namespace").getAsString();
    UsageData.PodUsage usage = data.pod(namespace, ref.get("name").getAsString());
    put(usage.fields(), UsageData.CPU, nanoCores(obj(pod, "cpu")));
    put(usage.fields(), UsageData.MEMORY, num(obj(pod, "memory"), "workingSetBytes"));
    if (pod.has("containers") && pod.get("containers").isJsonArray()) {
      for (JsonElement c : pod.getAsJsonArray("containers")) {
        JsonObject container = c.getAsJsonObject();
        Map<String, Double> m = usage.container(container.get("name").getAsString());
        put(m, UsageData.CPU, nanoCores(obj(container, "cpu")));
        put(m, UsageData.MEMORY, num(obj(container, "memory"), "workingSetBytes"));
      }
    }
    if (pod.has("volume") && pod.get("volume").isJsonArray()) {
      for (JsonElement v : pod.getAsJsonArray("volume")) {
        volume(v.getAsJsonObject(), namespace, data);
      }
    }
  }

  private static void volume(JsonObject volume, String namespace, UsageData data) {
    JsonObject pvc = obj(volume, "pvcRef");
    if (pvc == null || !pvc.has("name")) {
      return;
    }
    Map<String, Double> claim = data.claim(namespace, pvc.get("name").getAsString());
    put(claim, UsageData.USED, num(volume, "usedBytes"));
    put(claim, UsageData.CAPACITY, num(volume, "capacityBytes"));
    put(claim, UsageData.AVAILABLE, num(volume, "availableBytes"));
  }

  private static Double nanoCores(JsonObject cpu) {
    Double n = num(cpu, "usageNanoCores");
    return n == null ? null : n / 1e9;
  }

  private static void seen(UsageData data, JsonObject block) {
    if (block != null && block.has("time")) {
      data.seen(Instant.parse(block.get("time").getAsString()).getEpochSecond());
    }
  }

  private static JsonObject obj(JsonObject o, String name) {
    JsonElement e = o == null ? null : o.get(name);
    return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
  }

  private static Double num(JsonObject o, String name) {
    JsonElement e = o == null ? null : o.get(name);
    return e != null && e.isJsonPrimitive() ? e.getAsDouble() : null;
  }

  private static void put(Map<String, Double> m, String field, Double value) {
    if (value != null) {
      m.put(field, value);
    }
  }
}
