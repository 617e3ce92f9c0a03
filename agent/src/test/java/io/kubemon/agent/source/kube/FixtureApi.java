package io.kubemon.agent.source.kube;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.http.TextResponse;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Serves a recorded fixture set as an API server would: every {@code <resource>-<namespace>.json}
 * is merged into one cluster-wide list, paged by {@code limit}/{@code continue}. What the set does
 * not record is either an empty list or a 404, as the test chooses. {@code /livez} and {@code
 * /readyz} were never recorded and always fail with a transport-style error.
 */
public final class FixtureApi implements JsonSource {
  public enum Absent {
    EMPTY_LIST,
    NOT_FOUND
  }

  /** Recordings stored under another file name than their resource. */
  private static final Map<String, String> ALIASES = Map.of("kubelet-pods.json", "pods");

  private final Path dir;
  private final Absent absent;

  public FixtureApi(Path dir, Absent absent) {
    this.dir = dir;
    this.absent = absent;
  }

  @Override
  public <T> T getJson(String pathAndQuery, BodyReader<T> reader) throws SourceException {
    String path =
        pathAndQuery.contains("?")
            ? pathAndQuery.substring(0, pathAndQuery.indexOf('?'))
            : pathAndQuery;
    JsonElement body = path.equals("/version") ? version() : page(path, pathAndQuery);
    try {
      return reader.read(new JsonReader(new StringReader(body.toString())));
    } catch (IOException e) {
      throw new SourceException(
          "GET " + path, 200, "GET " + path + " unreadable: " + e.getMessage(), null, null);
    }
  }

  private JsonElement version() throws SourceException {
    Path file = dir.resolve("version.json");
    if (!Files.exists(file)) {
      throw notFound("/version");
    }
    // troubleshoot wraps the /version body as {"info": {...}, "string": "..."}
    return parse(file).getAsJsonObject().get("info");
  }

  private JsonElement page(String path, String pathAndQuery) throws SourceException {
    String resource = path.substring(path.lastIndexOf('/') + 1);
    JsonArray items = items(resource);
    if (items == null) {
      if (absent == Absent.NOT_FOUND) {
        throw notFound(path);
      }
      items = new JsonArray();
    }
    int limit = Integer.parseInt(query(pathAndQuery, "limit", String.valueOf(Integer.MAX_VALUE)));
    int from = Integer.parseInt(query(pathAndQuery, "continue", "0"));
    JsonArray pageItems = new JsonArray();
    for (int i = from; i < Math.min(items.size(), from + (long) limit); i++) {
      pageItems.add(items.get(i));
    }
    JsonObject metadata = new JsonObject();
    if (from + (long) limit < items.size()) {
      metadata.addProperty("continue", String.valueOf(from + limit));
    }
    JsonObject list = new JsonObject();
    list.add("metadata", metadata);
    list.add("items", pageItems);
    return list;
  }

  private static String query(String pathAndQuery, String key, String fallback) {
    int q = pathAndQuery.indexOf('?');
    if (q < 0) {
      return fallback;
    }
    for (String pair : pathAndQuery.substring(q + 1).split("&")) {
      if (pair.startsWith(key + "=")) {
        return pair.substring(key.length() + 1);
      }
    }
    return fallback;
  }

  /** All items of the resource over its per-namespace files, or null when none was recorded. */
  private JsonArray items(String resource) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> matching =
          files.filter(f -> matches(f.getFileName().toString(), resource)).sorted().toList();
      if (matching.isEmpty()) {
        return null;
      }
      JsonArray all = new JsonArray();
      for (Path f : matching) {
        JsonElement fileItems = parse(f).getAsJsonObject().get("items");
        if (fileItems != null && fileItems.isJsonArray()) { // an empty list may say "items": null
          all.addAll(fileItems.getAsJsonArray());
        }
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean matches(String file, String resource) {
    return file.endsWith(".json")
        && (file.equals(resource + ".json")
            || file.startsWith(resource + "-")
            || resource.equals(ALIASES.get(file)));
  }

  private static JsonElement parse(Path file) {
    try {
      return JsonParser.parseString(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SourceException notFound(String path) {
    return new SourceException(
        "GET " + path, 404, "GET " + path + " answered 404: not in the recording", null, null);
  }

  @Override
  public TextResponse getText(String pathAndQuery, int maxBodyChars) throws SourceException {
    throw new SourceException(
        "GET " + pathAndQuery, null, "GET " + pathAndQuery + " was not recorded", null, null);
  }
}
