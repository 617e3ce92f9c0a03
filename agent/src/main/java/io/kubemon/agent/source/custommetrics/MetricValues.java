package io.kubemon.agent.source.custommetrics;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import io.kubemon.agent.usage.NamedValue;
import io.kubemon.agent.usage.UsageData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A {@code MetricValueList}: one value per described object, streamed item by item. */
final class MetricValues {
  private MetricValues() {}

  static List<NamedValue> read(String metric, JsonReader in) throws IOException {
    List<NamedValue> values = new ArrayList<>();
    in.beginObject();
    while (in.hasNext()) {
      if (!in.nextName().equals("items")) {
        in.skipValue();
        continue;
      }
      in.beginArray();
      while (in.hasNext()) {
        values.add(item(metric, JsonParser.parseReader(in)));
      }
      in.endArray();
    }
    in.endObject();
    return values;
  }

  private static NamedValue item(String metric, JsonElement element) throws IOException {
    try {
      JsonObject item = element.getAsJsonObject();
      JsonObject described = item.getAsJsonObject("describedObject");
      String kind = described.get("kind").getAsString();
      String name = described.get("name").getAsString();
      JsonElement ns = described.get("namespace");
      String namespace = ns == null || ns.isJsonNull() || ns.getAsString().isEmpty() ? null : ns.getAsString();
      Double value = UsageData.quantity(item.get("value").getAsString());
      return new NamedValue(metric, kind + "/" + name, namespace, null, value, null);
    } catch (RuntimeException e) {
      throw new IOException("unreadable MetricValueList item: " + e.getMessage(), e);
    }
  }
}
