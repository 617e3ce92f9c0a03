package io.kubemon.agent.source.kube;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Lists one kind cluster-wide in pages of {@value #PAGE_SIZE}, streaming each page into records.
 * Items of filtered-out namespaces are dropped as they are read, so memory grows with the kept
 * records only. An expired continue token (410 Gone, the list outlived etcd's compaction) restarts
 * the list from scratch once.
 */
public final class KubeLister<T> {
  static final int PAGE_SIZE = 500;
  private static final int RESTARTS_ON_GONE = 1;

  private final JsonSource api;
  private final String path;
  private final Fields.ItemReader<T> itemReader;
  private final Function<T, String> namespaceOf;
  private final Predicate<String> namespaceFilter;
  private int requests;

  private record Page<T>(List<T> items, String continueToken) {}

  /**
   * @param namespaceOf the item's namespace, or null for cluster-scoped kinds (never filtered)
   */
  KubeLister(
      JsonSource api,
      String path,
      Fields.ItemReader<T> itemReader,
      Function<T, String> namespaceOf,
      Predicate<String> namespaceFilter) {
    this.api = api;
    this.path = path;
    this.itemReader = itemReader;
    this.namespaceOf = namespaceOf;
    this.namespaceFilter = namespaceFilter;
  }

  /** HTTP requests made so far, including pages of a restarted list. */
  public int requests() {
    return requests;
  }

  public List<T> list() throws SourceException {
    for (int restarts = 0; ; restarts++) {
      try {
        return listOnce();
      } catch (SourceException e) {
        Integer status = e.httpStatus();
        if (status == null || status != 410 || restarts >= RESTARTS_ON_GONE) {
          throw e;
        }
      }
    }
  }

  private List<T> listOnce() throws SourceException {
    List<T> items = new ArrayList<>();
    String token = null;
    do {
      String query = "?limit=" + PAGE_SIZE;
      if (token != null) {
        query += "&continue=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
      }
      requests++;
      Page<T> page = api.getJson(path + query, this::readPage);
      items.addAll(page.items());
      token = page.continueToken();
    } while (token != null && !token.isEmpty());
    return items;
  }

  private Page<T> readPage(JsonReader r) throws IOException {
    List<T> items = new ArrayList<>();
    String[] token = new String[1];
    Fields.object(
        r,
        (name, in) -> {
          switch (name) {
            case "metadata" -> token[0] = Fields.stringMap(in).get("continue");
            case "items" -> readItems(in, items);
            default -> {
              return false;
            }
          }
          return true;
        });
    return new Page<>(items, token[0]);
  }

  private void readItems(JsonReader in, List<T> items) throws IOException {
    if (in.peek() != JsonToken.BEGIN_ARRAY) {
      in.skipValue(); // "items": null is how some servers write an empty list
      return;
    }
    in.beginArray();
    while (in.hasNext()) {
      T item = itemReader.read(in);
      if (item != null && keep(item)) {
        items.add(item);
      }
    }
    in.endArray();
  }

  private boolean keep(T item) {
    return namespaceOf == null || namespaceFilter.test(namespaceOf.apply(item));
  }
}
