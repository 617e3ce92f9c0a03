package io.kubemon.agent.usage;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Section framing and JSON values per docs/sections.md: compact, {@code <}/{@code >} and control
 * characters escaped (Gson's HTML-safe mode also escapes {@code & = '}, still valid JSON), no NaN
 * or Infinity, whole numbers without a fraction.
 */
final class SectionJson {
  private SectionJson() {}

  // HTML-safe escaping is Gson's default; serializeNulls keeps null fields visible to the checks.
  private static final Gson GSON = new GsonBuilder().serializeNulls().create();

  /** Largest double every integer below which is exact. */
  private static final double EXACT = 9.007199254740992E15;

  static void section(PrintStream out, String name, JsonObject body) {
    StringBuilder text = new StringBuilder(256).append("<<<").append(name).append(":sep(0)>>>\n");
    GSON.toJson(body, text);
    write(out, text.append('\n'));
  }

  static void host(PrintStream out, String host) {
    write(out, "<<<<" + host + ">>>>\n");
  }

  /** UTF-8 bytes straight to the stream, past PrintStream's String-to-chars-to-bytes chain. */
  private static void write(PrintStream out, CharSequence text) {
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
  }

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
