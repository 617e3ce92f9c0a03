package io.kubemon.it.sim.cluster;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A cluster seeded from a real recording: every {@code *List} JSON file of the directory (the
 * per-namespace lists merge into the cluster-wide ones) plus {@code version.json}.
 */
public final class RecordedCluster {
  /** The k3s v1.33.4 support bundle under {@code shared/fixtures/real/}. */
  public static final String K3S = "fixtures/real/k3s-v1.33.4-troubleshoot";

  private RecordedCluster() {}

  /** {@code kubemon.shared}, else {@code ../shared} next to the repository root; may not exist. */
  public static Path sharedDirectory() {
    String property = System.getProperty("kubemon.shared");
    if (property != null) {
      return Path.of(property);
    }
    return Path.of(System.getProperty("kubemon.root", "."))
        .toAbsolutePath()
        .resolve("../shared")
        .normalize();
  }

  /** Returns how many objects were seeded. */
  public static int seed(ClusterStore store, Path directory) throws IOException {
    int objects = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
      for (Path file : files) {
        JsonElement json;
        try (Reader reader = Files.newBufferedReader(file)) {
          json = JsonParser.parseReader(reader);
        }
        if (!json.isJsonObject()) {
          continue;
        }
        JsonObject root = json.getAsJsonObject();
        if (file.getFileName().toString().equals("version.json") && root.has("info")) {
          store.version(root.getAsJsonObject("info"));
          continue;
        }
        objects += seedList(store, root);
      }
    }
    return objects;
  }

  private static int seedList(ClusterStore store, JsonObject list) {
    String kind = Json.str(list, "kind");
    String apiVersion = Json.str(list, "apiVersion");
    if (kind == null
        || apiVersion == null
        || !kind.endsWith("List")
        || kind.equals("APIResourceList")) {
      return 0;
    }
    Resource resource =
        Resource.ofObject(apiVersion, kind.substring(0, kind.length() - "List".length()), false);
    int count = 0;
    for (JsonElement item : Json.arr(list, "items")) {
      JsonObject object = item.getAsJsonObject();
      Resource actual =
          Resource.ofObject(apiVersion, resource.kind(), Json.namespace(object) != null);
      store.put(actual, object);
      count++;
    }
    return count;
  }
}
