package io.kubemon.it.sim.server;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import io.kubemon.it.sim.cluster.ClusterStore;
import io.kubemon.it.sim.cluster.Json;
import io.kubemon.it.sim.cluster.ObjectSource;
import io.kubemon.it.sim.cluster.Resource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * List responses with {@code limit}/{@code continue} paging. The continue token is opaque to the
 * client and expires like etcd's compacted revisions: after {@link #tokenLifetime} or when {@link
 * #expireTokens()} is called, a continue answers 410 Gone with reason {@code Expired}.
 */
final class Lists {
  static final String EXPIRED_MESSAGE =
      "The provided continue parameter is too old to display a consistent list result. You can"
          + " start a new list without the continue parameter, or use the continue token in this"
          + " response to retrieve the remainder of the results. Continuing with the provided token"
          + " results in an inconsistent list - objects that were created, modified, or deleted"
          + " between the time the first chunk was returned and now may show up in the list.";
  private static final Gson GSON = new Gson();

  private final ClusterStore store;
  private final Clock clock;
  private final AtomicInteger generation = new AtomicInteger();

  /**
   * The JSON text of every object of a generated source served so far, by index. Generating an
   * object and writing its tree took most of the simulator's CPU (22 s per run of 150,000 pods,
   * on the two cores the agent runs on); kube-apiserver serves from its watch cache instead. A
   * page is the same bytes either way (UTF-8 of Gson's text), gzipped as before.
   */
  private final Map<ObjectSource, AtomicReferenceArray<byte[]>> encoded = new ConcurrentHashMap<>();
  private volatile Duration tokenLifetime = Duration.ofMinutes(5);

  Lists(ClusterStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  void tokenLifetime(Duration lifetime) {
    this.tokenLifetime = lifetime;
  }

  void expireTokens() {
    generation.incrementAndGet();
  }

  private record Token(
      String key, String namespace, int offset, int generation, long issuedMillis) {}

  Reply list(Resource resource, String namespace, int limit, String continueToken) {
    int start = 0;
    if (continueToken != null && !continueToken.isEmpty()) {
      Token token = decode(continueToken);
      if (token == null || !token.key().equals(resource.key() + "|" + namespace)) {
        return Reply.status(400, "BadRequest", "continue key is not valid: invalid continue token");
      }
      if (token.generation() != generation.get()
          || clock.millis() - token.issuedMillis() > tokenLifetime.toMillis()) {
        return Reply.status(410, "Expired", EXPIRED_MESSAGE);
      }
      start = token.offset();
    }
    Flat flat = new Flat(store.sources(resource), encoded);
    if (limit <= 0) {
      int from = start;
      return Reply.streamedJson(
          out -> write(out, resource, null, -1, flat, from, flat.size(), namespace));
    }
    int from = start;
    int next = start;
    if (namespace == null) {
      next = Math.min(flat.size(), start + limit); // no object needs to be made to know that
    } else {
      int kept = 0;
      while (next < flat.size() && kept < limit) {
        kept += namespace.equals(Json.namespace(flat.get(next++))) ? 1 : 0;
      }
      while (next < flat.size() && !namespace.equals(Json.namespace(flat.get(next)))) {
        next++;
      }
    }
    String token =
        next < flat.size()
            ? encode(
                new Token(
                    resource.key() + "|" + namespace,
                    namespace,
                    next,
                    generation.get(),
                    clock.millis()))
            : null;
    long remaining = token != null && namespace == null ? flat.size() - next : -1;
    int to = next;
    return Reply.streamedJson(
        out -> write(out, resource, token, remaining, flat, from, to, namespace));
  }

  private void write(
      java.io.OutputStream out,
      Resource resource,
      String token,
      long remaining,
      Flat flat,
      int from,
      int to,
      String namespace)
      throws java.io.IOException {
    // The list's head through Gson's writer, then each item's kept UTF-8 bytes, as the writer
    // would have put them: comma-separated, then the closing brackets.
    java.io.StringWriter head = new java.io.StringWriter();
    JsonWriter writer = begin(head, resource, token, remaining);
    writer.flush();
    java.io.OutputStream body = new java.io.BufferedOutputStream(out, 1 << 16);
    body.write(head.toString().getBytes(StandardCharsets.UTF_8));
    boolean first = true;
    for (int i = from; i < to; i++) {
      byte[] item;
      if (namespace == null) {
        item = flat.json(i);
      } else {
        JsonObject o = flat.get(i);
        if (!namespace.equals(Json.namespace(o))) {
          continue;
        }
        item = GSON.toJson(o).getBytes(StandardCharsets.UTF_8);
      }
      if (!first) {
        body.write(',');
      }
      first = false;
      body.write(item);
    }
    body.write(END);
    body.flush();
  }

  private static final byte[] END = "]}".getBytes(StandardCharsets.UTF_8);

  private JsonWriter begin(
      java.io.Writer out, Resource resource, String token, long remaining)
      throws java.io.IOException {
    JsonWriter writer = new JsonWriter(out);
    writer.beginObject();
    writer.name("kind").value(resource.kind() + "List");
    writer.name("apiVersion").value(resource.apiVersion());
    writer.name("metadata").beginObject();
    writer.name("resourceVersion").value(store.resourceVersion());
    if (token != null) {
      writer.name("continue").value(token);
    }
    if (remaining > 0) {
      writer.name("remainingItemCount").value(remaining);
    }
    writer.endObject();
    writer.name("items").beginArray();
    return writer;
  }

  private static String encode(Token token) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(GSON.toJson(token).getBytes(StandardCharsets.UTF_8));
  }

  private static Token decode(String text) {
    try {
      return GSON.fromJson(
          new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8), Token.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The sources of one resource as one sequence. */
  private static final class Flat {
    private final List<ObjectSource> sources;
    private final int[] starts;
    private final int size;
    private final Map<ObjectSource, AtomicReferenceArray<byte[]>> encoded;

    Flat(List<ObjectSource> sources, Map<ObjectSource, AtomicReferenceArray<byte[]>> encoded) {
      this.sources = List.copyOf(sources);
      this.encoded = encoded;
      this.starts = new int[this.sources.size()];
      int total = 0;
      for (int i = 0; i < starts.length; i++) {
        starts[i] = total;
        total += this.sources.get(i).size();
      }
      this.size = total;
    }

    int size() {
      return size;
    }

    JsonObject get(int index) {
      int s = source(index);
      return sources.get(s).get(index - starts[s]);
    }

    /** The object's JSON as Gson writes it, in UTF-8; kept when its source is immutable. */
    byte[] json(int index) {
      int s = source(index);
      ObjectSource source = sources.get(s);
      int at = index - starts[s];
      if (!source.immutable()) {
        return GSON.toJson(source.get(at)).getBytes(StandardCharsets.UTF_8);
      }
      AtomicReferenceArray<byte[]> texts =
          encoded.computeIfAbsent(source, x -> new AtomicReferenceArray<>(x.size()));
      byte[] text = texts.get(at);
      if (text == null) {
        // Another thread may encode the same object at once: equal bytes, either will do.
        text = GSON.toJson(source.get(at)).getBytes(StandardCharsets.UTF_8);
        texts.set(at, text);
      }
      return text;
    }

    private int source(int index) {
      int s = starts.length - 1;
      while (starts[s] > index || index - starts[s] >= sources.get(s).size()) {
        s--;
      }
      return s;
    }
  }
}
