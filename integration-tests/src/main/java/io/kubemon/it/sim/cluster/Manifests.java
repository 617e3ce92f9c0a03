package io.kubemon.it.sim.cluster;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Multi-document YAML manifests, read as kubectl would before sending them to the API server. */
public final class Manifests {
  private static final Gson GSON = new Gson();

  private Manifests() {}

  /** Every object of the file; {@code kind: List} documents are unpacked. */
  public static List<JsonObject> read(Path file) throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(64 * 1024 * 1024);
    List<JsonObject> objects = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file)) {
      for (Object document : new Yaml(new SafeConstructor(options)).loadAll(reader)) {
        if (document == null) {
          continue;
        }
        if (!(document instanceof Map<?, ?>)) {
          throw new IOException(file + ": a YAML document is not an object: " + document);
        }
        JsonElement tree = GSON.toJsonTree(document);
        unpack(file, tree.getAsJsonObject(), objects);
      }
    }
    return objects;
  }

  private static void unpack(Path file, JsonObject object, List<JsonObject> into)
      throws IOException {
    String kind = Json.str(object, "kind");
    if (kind != null && kind.endsWith("List") && object.has("items")) {
      for (JsonElement item : Json.arr(object, "items")) {
        unpack(file, item.getAsJsonObject(), into);
      }
      return;
    }
    if (kind == null || Json.str(object, "apiVersion") == null || Json.name(object) == null) {
      throw new IOException(
          file
              + ": every object needs apiVersion, kind and metadata.name, got "
              + abbreviate(object));
    }
    moveStringData(object);
    into.add(object);
  }

  /** The API server stores a Secret's {@code stringData} base64-encoded in {@code data}. */
  private static void moveStringData(JsonObject object) {
    JsonObject stringData = Json.obj(object, "stringData");
    if (!"Secret".equals(Json.str(object, "kind")) || stringData == null) {
      return;
    }
    JsonObject data = Json.obj(object, "data");
    if (data == null) {
      data = new JsonObject();
      object.add("data", data);
    }
    for (Map.Entry<String, JsonElement> e : stringData.entrySet()) {
      data.addProperty(e.getKey(), ClusterStore.base64(e.getValue().getAsString()));
    }
    object.remove("stringData");
  }

  private static String abbreviate(JsonObject object) {
    String text = object.toString();
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }
}
