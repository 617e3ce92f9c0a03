package io.kubemon.agent.usage;

import static io.kubemon.agent.usage.SectionJson.number;
import static io.kubemon.agent.usage.SectionJson.text;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;

/** The cluster's pipeline sections: health, user queries, custom metrics. */
final class PipelineJson {
  private PipelineJson() {}

  static JsonObject health(PipelineHealth h) {
    JsonObject o = new JsonObject();
    o.add("prometheus", h.prometheus() == null ? JsonNull.INSTANCE : prometheus(h.prometheus()));
    o.add("adapter", h.adapter() == null ? JsonNull.INSTANCE : adapter(h.adapter()));
    if (h.customMetricsOffered() == null) {
      o.add("custom_metrics", JsonNull.INSTANCE);
    } else {
      JsonObject c = new JsonObject();
      c.addProperty("offered", h.customMetricsOffered());
      o.add("custom_metrics", c);
    }
    return o;
  }

  private static JsonObject prometheus(PipelineHealth.Prometheus p) {
    JsonObject o = new JsonObject();
    o.addProperty("reachable", p.reachable());
    o.add("targets_up", p.targetsUp() == null ? JsonNull.INSTANCE : new JsonPrimitive(p.targetsUp()));
    o.add("targets_down",
        p.targetsDown() == null ? JsonNull.INSTANCE : new JsonPrimitive(p.targetsDown()));
    JsonArray down = new JsonArray();
    for (PipelineHealth.DownTarget t : p.down()) {
      JsonObject d = new JsonObject();
      d.add("job", text(t.job()));
      d.add("instance", text(t.instance()));
      d.add("last_error", text(t.lastError()));
      d.add("hint", text(t.hint()));
      d.add("anchor", text(t.anchor()));
      down.add(d);
    }
    o.add("down", down);
    return o;
  }

  private static JsonObject adapter(PipelineHealth.Adapter a) {
    JsonObject o = new JsonObject();
    o.add("apiservice", text(a.apiService()));
    o.add("available", a.available() == null ? JsonNull.INSTANCE : new JsonPrimitive(a.available()));
    o.add("reason", text(a.reason()));
    o.add("message", text(a.message()));
    return o;
  }

  static JsonObject queries(List<NamedValue> values) {
    JsonArray list = new JsonArray();
    for (NamedValue v : values) {
      JsonObject o = new JsonObject();
      o.add("name", text(v.name()));
      o.add("query", text(v.detail()));
      o.add("unit", text(v.unit()));
      o.add("value", number(v.value()));
      o.add("error", text(v.error()));
      list.add(o);
    }
    JsonObject o = new JsonObject();
    o.add("queries", list);
    return o;
  }

  static JsonObject customMetrics(List<NamedValue> values) {
    JsonArray list = new JsonArray();
    for (NamedValue v : values) {
      JsonObject o = new JsonObject();
      o.add("name", text(v.name()));
      o.add("object", text(v.object()));
      o.add("namespace", text(v.detail()));
      o.add("value", number(v.value()));
      o.add("error", text(v.error()));
      list.add(o);
    }
    JsonObject o = new JsonObject();
    o.add("metrics", list);
    return o;
  }
}
