package io.kubemon.it.sim.server;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.kubemon.it.sim.cluster.ClusterStore;
import io.kubemon.it.sim.cluster.Json;
import io.kubemon.it.sim.cluster.Manifests;
import io.kubemon.it.sim.cluster.Resource;
import io.kubemon.it.sim.cluster.User;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Kubernetes API server on 127.0.0.1 for tests and the demo: HTTPS with its own CA, bearer
 * tokens, RBAC from the applied manifests, paged lists, the metrics APIs and the Prometheus service
 * proxy. Requests are counted per path; faults can be injected per path prefix.
 */
public final class KubeSimulator implements AutoCloseable {
  private final SimCertificates certificates = SimCertificates.generate();
  private final ClusterStore store = new ClusterStore(certificates.caPem());
  private final Rbac rbac = new Rbac(store);
  private final Lists lists = new Lists(store, Clock.systemUTC());
  private final PrometheusProxy proxy = new PrometheusProxy();
  private final ApiRoutes routes = new ApiRoutes(store, lists, proxy);
  private final Faults faults = new Faults();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  /** The client ends (address and port) requests came from: one per TCP connection. */
  private final Set<InetSocketAddress> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final ExecutorService executor =
      Executors.newFixedThreadPool(
          8,
          r -> {
            Thread t = new Thread(r, "kube-simulator");
            t.setDaemon(true);
            return t;
          });
  private final HttpsServer server;
  private final String adminToken;

  private KubeSimulator() throws IOException {
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setHttpsConfigurator(new HttpsConfigurator(certificates.serverContext()));
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    adminToken = store.issueToken(User.ADMIN);
  }

  /**
   * An empty cluster, listening; seed it with {@link GeneratedCluster} or {@link RecordedCluster}.
   */
  public static KubeSimulator start() throws IOException {
    KubeSimulator simulator = new KubeSimulator();
    simulator.server.start();
    return simulator;
  }

  public URI url() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  public String caPem() {
    return certificates.caPem();
  }

  public SimCertificates certificates() {
    return certificates;
  }

  public String adminToken() {
    return adminToken;
  }

  public ClusterStore store() {
    return store;
  }

  public Faults faults() {
    return faults;
  }

  /** Records every object of a multi-document manifest, as {@code kubectl apply -f} would. */
  public void apply(Path manifest) throws IOException {
    for (JsonObject object : Manifests.read(manifest)) {
      String apiVersion = Json.str(object, "apiVersion");
      store.apply(
          Resource.ofObject(apiVersion, Json.str(object, "kind"), Json.namespace(object) != null),
          object);
    }
  }

  /** An admin kubeconfig, the simulator's answer to {@code /etc/rancher/k3s/k3s.yaml}. */
  public Path writeKubeconfig(Path file) throws IOException {
    String ca = ClusterStore.base64(caPem());
    String yaml =
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: simulator",
            "  cluster:",
            "    server: " + url(),
            "    certificate-authority-data: " + ca,
            "users:",
            "- name: admin",
            "  user:",
            "    token: " + adminToken,
            "contexts:",
            "- name: simulator",
            "  context:",
            "    cluster: simulator",
            "    user: admin",
            "current-context: simulator",
            "");
    Files.writeString(file, yaml);
    return file;
  }

  /** Where {@code nodes/NAME/proxy/...} forwards to: a server with {@code /nodes/NAME/...}. */
  public void kubelets(URI kubelets) {
    proxy.kubelets(kubelets);
  }

  /** Where {@code services/https:prometheus:9090/proxy} in {@code namespace} forwards to. */
  public void prometheus(String namespace, URI prometheus) {
    proxy.target(namespace, prometheus);
  }

  public void expireContinueTokens() {
    lists.expireTokens();
  }

  public void continueTokenLifetime(Duration lifetime) {
    lists.tokenLifetime(lifetime);
  }

  /** Requests whose path starts with the prefix, since the start or {@link #resetCounts()}. */
  public int requests(String pathPrefix) {
    return requests.entrySet().stream()
        .filter(e -> e.getKey().startsWith(pathPrefix))
        .mapToInt(e -> e.getValue().get())
        .sum();
  }

  public Map<String, Integer> requestCounts() {
    Map<String, Integer> out = new java.util.TreeMap<>();
    requests.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /**
   * TCP connections that sent at least one request since the start or {@link #resetCounts()}:
   * told apart by the client's address and port, which no two open connections share.
   */
  public int connections() {
    return connections.size();
  }

  /** The most requests in progress at once since the start or {@link #resetCounts()}. */
  public int mostInFlight() {
    return mostInFlight.get();
  }

  public void resetCounts() {
    requests.clear();
    connections.clear();
    mostInFlight.set(0);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    connections.add(exchange.getRemoteAddress());
    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      Optional<Faults.Fault> fault = faults.match(path);
      Reply reply = respond(exchange, path);
      if (fault.isPresent()) {
        FaultWriter.write(exchange, reply, fault.get());
      } else {
        write(exchange, reply);
      }
    } catch (IOException | RuntimeException e) {
      // The client went away (or a fault stalled it out); nothing more to tell it.
    } finally {
      inFlight.decrementAndGet();
      exchange.close();
    }
  }

  private Reply respond(HttpExchange exchange, String path) {
    if (!"GET".equals(exchange.getRequestMethod())) {
      return Reply.status(405, "MethodNotAllowed", "the simulator serves GET only");
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    Optional<User> user =
        header != null && header.startsWith("Bearer ")
            ? store.authenticate(header.substring("Bearer ".length()).trim())
            : Optional.empty();
    if (user.isEmpty()) {
      return Reply.status(401, "Unauthorized", "Unauthorized");
    }
    String rawQuery = exchange.getRequestURI().getRawQuery();
    Map<String, String> query = parseQuery(rawQuery);
    RequestInfo info = RequestInfo.parse(path);
    if (!info.resourceRequest()) {
      Rbac.Attributes attributes =
          new Rbac.Attributes(user.get(), "get", path, null, null, null, null);
      if (!rbac.allowed(attributes)) {
        return Reply.status(403, "Forbidden", Rbac.forbiddenMessage(attributes));
      }
      return info.group() == null ? routes.nonResource(path, query) : routes.discovery(info);
    }
    Resource resource =
        store.resource(info.group(), info.plural()).orElseGet(() -> routes.aggregated(info));
    if (resource == null) {
      return Reply.notFound("the server could not find the requested resource");
    }
    Rbac.Attributes attributes =
        new Rbac.Attributes(
            user.get(),
            info.verb(),
            path,
            resource,
            info.subresource(),
            info.namespace(),
            info.name());
    if (!rbac.allowed(attributes)) {
      return Reply.status(403, "Forbidden", Rbac.forbiddenMessage(attributes));
    }
    return routes.resource(info, resource, query, rawQuery);
  }

  static void write(HttpExchange exchange, Reply reply) throws IOException {
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    try (OutputStream out = GzipResponse.open(exchange, reply.status())) {
      reply.body().writeTo(out);
    }
  }

  static byte[] render(Reply reply) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    reply.body().writeTo(out);
    return out.toByteArray();
  }

  private static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.put(key, value);
    }
    return query;
  }
}
