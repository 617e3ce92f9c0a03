package io.kubemon.it.faults;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTPS "API server" on 127.0.0.1 with a valid certificate of its own CA that answers as a test
 * says: by default like an empty Kubernetes cluster (a version, {@code ok} probes, empty lists of
 * the requested kind), with answers of the test's choosing on given paths or on every path.
 */
final class HostileApi implements AutoCloseable {
  /** One answer; {@code body} is sent as it is. */
  record Reply(int status, String contentType, byte[] body) {
    static Reply json(String json) {
      return new Reply(200, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static Reply text(int status, String text) {
      return new Reply(status, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @FunctionalInterface
  interface Route {
    Reply answer(HttpExchange exchange) throws IOException;
  }

  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private volatile Route everyPath;
  private final BadTlsServer server;

  HostileApi() {
    server = BadTlsServer.start(BadTlsServer.Flaw.NONE, this::handle);
  }

  URI url() {
    return server.url();
  }

  String caPem() {
    return server.caPem();
  }

  /** Answers requests for exactly this path (no query) with {@code route}. */
  HostileApi on(String path, Route route) {
    routes.put(path, route);
    return this;
  }

  /** Answers every request with {@code route}, paths set with {@link #on} included. */
  HostileApi everyPath(Route route) {
    everyPath = route;
    return this;
  }

  int requests(String path) {
    AtomicInteger n = counts.get(path);
    return n == null ? 0 : n.get();
  }

  int requests() {
    return server.requests();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    Route route = everyPath != null ? everyPath : routes.getOrDefault(path, HostileApi::kubernetes);
    Reply reply;
    try {
      reply = route.answer(exchange);
    } catch (RuntimeException | Error e) {
      exchange.sendResponseHeaders(599, -1);
      exchange.close();
      throw e;
    }
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply.body());
    } catch (IOException e) {
      // The agent hung up first (a bound or a failure of its own): nothing to do here.
    }
    exchange.close();
  }

  /** An empty cluster: what a real API server answers for each path the agent reads. */
  static Reply kubernetes(HttpExchange exchange) {
    String path = exchange.getRequestURI().getRawPath();
    if (path.equals("/version")) {
      return Reply.json(
          "{\"major\":\"1\",\"minor\":\"33\",\"gitVersion\":\"v1.33.4\",\"platform\":\"linux/amd64\"}");
    }
    if (path.equals("/livez") || path.equals("/readyz")) {
      return Reply.text(200, "ok");
    }
    return Reply.json(list(kindOf(path), ""));
  }

  /** {@code {"kind":"PodList",…,"items":[ITEMS]}}. */
  static String list(String kind, String items) {
    return "{\"kind\":\"" + kind + "\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"1\"},"
        + "\"items\":[" + items + "]}";
  }

  /** The list kind of a list path: /api/v1/pods → PodList, …/storageclasses → StorageClassList. */
  static String kindOf(String path) {
    String plural = path.substring(path.lastIndexOf('/') + 1);
    String singular =
        switch (plural) {
          case "storageclasses" -> "StorageClass";
          case "persistentvolumes" -> "PersistentVolume";
          case "persistentvolumeclaims" -> "PersistentVolumeClaim";
          case "resourcequotas" -> "ResourceQuota";
          case "replicasets" -> "ReplicaSet";
          case "statefulsets" -> "StatefulSet";
          case "daemonsets" -> "DaemonSet";
          case "cronjobs" -> "CronJob";
          default -> {
            String one = plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
            yield one.isEmpty() ? "" : Character.toUpperCase(one.charAt(0)) + one.substring(1);
          }
        };
    return singular + "List";
  }

  @Override
  public void close() {
    server.close();
  }
}
