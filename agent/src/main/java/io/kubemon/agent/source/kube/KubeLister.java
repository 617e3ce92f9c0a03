package io.kubemon.agent.source.kube;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.kubemon.agent.http.Bounds;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.Limits;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.http.UnexpectedResponseException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Lists one kind cluster-wide in pages ({@code --page-size}, 500 by default), streaming each page into records.
 * Items of filtered-out namespaces are dropped as they are read, so memory grows with the kept
 * records only. An expired continue token (410 Gone, the list outlived etcd's compaction) restarts
 * the list from scratch once.
 *
 * <p>The API server writes a page's {@code metadata.continue} before its {@code items}, so the next
 * page is requested as soon as the token is read: the server builds page N+1 while this thread
 * parses page N, on another thread that reads it whole. One page ahead at most; pages keep their
 * order.
 *
 * <p>Bounded by {@link Limits}: more than {@code maxObjects} kept items or {@code maxPages} pages
 * fail the list, and so does a continue token the server already sent in this list (a server that
 * repeats it would be asked forever), at once.
 */
public final class KubeLister<T> {
  private static final int RESTARTS_ON_GONE = 1;

  private final JsonSource api;
  private final String path;
  private final Fields.ItemReader<T> itemReader;
  private final Function<T, String> namespaceOf;
  private final Predicate<String> namespaceFilter;
  private final int pageSize;
  private final Limits limits;
  private int requests;

  /** {@code next}: the following page, already requested with {@code continueToken}. */
  private record Page<T>(List<T> items, String continueToken, Future<Page<T>> next) {}

  /**
   * @param namespaceOf the item's namespace, or null for cluster-scoped kinds (never filtered)
   */
  KubeLister(
      JsonSource api,
      String path,
      Fields.ItemReader<T> itemReader,
      Function<T, String> namespaceOf,
      Predicate<String> namespaceFilter,
      int pageSize) {
    this(api, path, itemReader, namespaceOf, namespaceFilter, pageSize, Limits.DEFAULT);
  }

  KubeLister(
      JsonSource api,
      String path,
      Fields.ItemReader<T> itemReader,
      Function<T, String> namespaceOf,
      Predicate<String> namespaceFilter,
      int pageSize,
      Limits limits) {
    this.limits = limits;
    this.api = api;
    this.pageSize = pageSize;
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
    ExecutorService ahead = Executors.newSingleThreadExecutor(KubeLister::daemon);
    Set<String> tokens = new HashSet<>();
    int[] pages = new int[1];
    try {
      String token = null;
      do {
        Page<T> page = fetch(token, ahead);
        token = take(page, items, tokens, pages);
        if (page.next() != null) {
          token = take(await(page.next()), items, tokens, pages);
        }
      } while (token != null && !token.isEmpty());
      return items;
    } finally {
      ahead.shutdownNow();
    }
  }

  /** Adds a page's items; returns its continue token, failing the list past a bound. */
  private String take(Page<T> page, List<T> items, Set<String> tokens, int[] pages)
      throws SourceException {
    pages[0]++;
    items.addAll(page.items());
    String request = "GET " + path;
    if (items.size() > limits.maxObjects()) {
      throw Bounds.exceeded(request, "more than " + limits.maxObjects() + " objects",
          "--max-objects");
    }
    String token = page.continueToken();
    if (token == null || token.isEmpty()) {
      return token;
    }
    if (pages[0] >= limits.maxPages()) {
      throw Bounds.exceeded(request, "more than " + limits.maxPages() + " pages",
          "--max-pages");
    }
    if (!tokens.add(token)) {
      throw Bounds.repeatedContinue(request, pages[0]);
    }
    return token;
  }

  /** Reads one page here; once its token is read, the following page is read on {@code ahead}. */
  private Page<T> fetch(String token, ExecutorService ahead) throws SourceException {
    List<Future<Page<T>>> next = new ArrayList<>(1);
    requests++;
    try {
      Page<T> page =
          api.getJson(
              query(token),
              r ->
                  readPage(
                      r,
                      following -> {
                        // Once: a retried request reads the same metadata again.
                        if (next.isEmpty()) {
                          requests++;
                          next.add(
                              ahead.submit(() -> api.getJson(query(following), this::readPage)));
                        }
                      }));
      return new Page<>(page.items(), page.continueToken(), next.isEmpty() ? null : next.get(0));
    } catch (SourceException | RuntimeException e) {
      next.forEach(f -> f.cancel(true));
      throw e;
    }
  }

  private static <P> P await(Future<P> page) throws SourceException {
    try {
      return page.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SourceException source) {
        throw source;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error; // out of memory on the page-ahead thread is this list's failure
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      page.cancel(true);
      throw new IllegalStateException("interrupted while reading a page", e);
    }
  }

  private String query(String token) {
    String query = path + "?limit=" + pageSize;
    if (token != null) {
      query += "&continue=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
    return query;
  }

  private Page<T> readPage(JsonReader r) throws IOException {
    return readPage(r, null);
  }

  /** {@code onContinue}, if given, gets a non-empty continue token as soon as it is read. */
  private Page<T> readPage(JsonReader r, Consumer<String> onContinue) throws IOException {
    List<T> items = new ArrayList<>();
    String[] token = new String[1];
    String[] kind = new String[1];
    boolean[] listed = new boolean[1];
    JsonToken top = r.peek();
    if (top != JsonToken.BEGIN_OBJECT) {
      throw new UnexpectedResponseException("not a list (a JSON " + describe(top) + ")");
    }
    Fields.object(
        r,
        (name, in) -> {
          switch (name) {
            case "kind" -> kind[0] = Fields.string(in);
            case "items" -> {
              JsonToken t = in.peek();
              if (t != JsonToken.BEGIN_ARRAY && t != JsonToken.NULL) {
                throw new UnexpectedResponseException(
                    "items is a JSON " + describe(t) + ", not a list");
              }
              listed[0] = true;
              readItems(in, items);
            }
            case "metadata" -> {
              token[0] = Fields.stringMap(in).get("continue");
              if (token[0] != null && token[0].length() > Limits.MAX_CONTINUE_CHARS) {
                throw new UnexpectedResponseException(
                    "a continue token of " + token[0].length() + " characters");
              }
              if (onContinue != null && token[0] != null && !token[0].isEmpty()) {
                onContinue.accept(token[0]);
              }
            }
            default -> {
              return false;
            }
          }
          return true;
        });
    // Kubernetes names a list's kind FooList; a Status (kind "Status") is an error sent as 200.
    if (kind[0] != null && !kind[0].endsWith("List")) {
      throw new UnexpectedResponseException("a " + kind[0] + ", not a list");
    }
    if (!listed[0]) {
      throw new UnexpectedResponseException("not a list (no items)");
    }
    return new Page<>(items, token[0], null);
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case BEGIN_ARRAY -> "array";
      case BEGIN_OBJECT -> "object";
      case NULL -> "null";
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      default -> t.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static Thread daemon(Runnable body) {
    Thread thread = new Thread(body, "kube-page-ahead");
    thread.setDaemon(true);
    return thread;
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
