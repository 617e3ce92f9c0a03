package io.kubemon.it.sim.cluster;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Objects;

/** Small accessors for Kubernetes objects held as Gson trees. */
public final class Json {
  private Json() {}

  public static JsonObject obj(JsonObject parent, String key) {
    JsonElement e = parent == null ? null : parent.get(key);
    return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
  }

  public static JsonArray arr(JsonObject parent, String key) {
    JsonElement e = parent == null ? null : parent.get(key);
    return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
  }

  public static String str(JsonObject parent, String key) {
    JsonElement e = parent == null ? null : parent.get(key);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
  }

  public static String name(JsonObject object) {
    return str(obj(object, "metadata"), "name");
  }

  public static String namespace(JsonObject object) {
    return str(obj(object, "metadata"), "namespace");
  }

  static boolean sameIdentity(JsonObject a, JsonObject b) {
    return Objects.equals(name(a), name(b)) && Objects.equals(namespace(a), namespace(b));
  }

  public static JsonObject of(Object... keysAndValues) {
    JsonObject o = new JsonObject();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      o.add((String) keysAndValues[i], element(keysAndValues[i + 1]));
    }
    return o;
  }

  public static JsonArray array(Object... values) {
    JsonArray a = new JsonArray();
    for (Object v : values) {
      a.add(element(v));
    }
    return a;
  }

  private static JsonElement element(Object value) {
    if (value == null) {
      return com.google.gson.JsonNull.INSTANCE;
    }
    if (value instanceof JsonElement e) {
      return e;
    }
    if (value instanceof Number n) {
      return new JsonPrimitive(n);
    }
    if (value instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    return new JsonPrimitive(value.toString());
  }
}
