package io.kubemon.agent.usage;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Map;

/**
 * JSON values of the usage sections per docs/sections.md: no NaN or Infinity, whole numbers
 * without a fraction, nulls kept. The sections themselves go through the run's one {@link
 * io.kubemon.agent.output.SectionWriter}, which escapes and bounds them like every other.
 */
final class SectionJson {
  private SectionJson() {}

  /** Largest double every integer below which is exact. */
  private static final double EXACT = 9.007199254740992E15;

  static JsonElement number(Double value) {
    if (value == null || !Double.isFinite(value)) {
      return JsonNull.INSTANCE;
    }
    if (value == Math.rint(value) && Math.abs(value) < EXACT) {
      return new JsonPrimitive(value.longValue());
    }
    return new JsonPrimitive(value);
  }

  static JsonElement text(String value) {
    return value == null ? JsonNull.INSTANCE : new JsonPrimitive(value);
  }

  /** The listed fields of {@code values}, null where absent. */
  static JsonObject fields(Map<String, Double> values, String... names) {
    JsonObject o = new JsonObject();
    for (String n : names) {
      o.add(n, number(values == null ? null : values.get(n)));
    }
    return o;
  }

  /** The listed fields of {@code values} that have a value: a {@code _v2} section omits nulls. */
  static JsonObject leanFields(Map<String, Double> values, String... names) {
    JsonObject o = new JsonObject();
    for (String n : names) {
      JsonElement v = number(values == null ? null : values.get(n));
      if (!v.isJsonNull()) {
        o.add(n, v);
      }
    }
    return o;
  }

  static JsonObject head(UsageData data) {
    JsonObject o = new JsonObject();
    o.addProperty("source", data.source().sectionName());
    o.add("timestamp", data.timestamp() == 0 ? JsonNull.INSTANCE : new JsonPrimitive(data.timestamp()));
    return o;
  }

  static void merge(JsonObject into, JsonObject from) {
    from.entrySet().forEach(e -> into.add(e.getKey(), e.getValue()));
  }
}
