package io.kubemon.agent.usage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A loopback HTTPS server (certificate from {@link LoopbackTls}) answering by path (without the query) with fixed bodies or handlers;
 * unknown paths get 404 like the API server.
 */
public final class FakeServer implements AutoCloseable {

  /** An answer: HTTP status and body. */
  public record Answer(int status, String body) {}

  private final HttpsServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(8);
  private final Map<String, Function<HttpExchange, Answer>> routes = new ConcurrentHashMap<>();

  public FakeServer() throws IOException {
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(LoopbackTls.INSTANCE.server()));
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  public String base() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  public FakeServer json(String path, String body) {
    routes.put(path, x -> new Answer(200, body));
    return this;
  }

  public FakeServer route(String path, Function<HttpExchange, Answer> handler) {
    routes.put(path, handler);
    return this;
  }

  private void handle(HttpExchange x) throws IOException {
    Function<HttpExchange, Answer> h = routes.get(x.getRequestURI().getRawPath());
    Answer a = h == null ? new Answer(404, "{\"kind\":\"Status\",\"code\":404}") : h.apply(x);
    byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(a.status(), bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
