package io.kubemon.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS server on 127.0.0.1 that behaves like the API server where transport matters: it
 * requires the bearer token (401 otherwise) and answers per path. It records every request it
 * got, with the Authorization header, so tests can prove where the token went.
 */
public final class LocalApiServer implements AutoCloseable {

  /** One request as received; the client port tells connections apart. */
  public record Received(
      String pathAndQuery, String authorization, int clientPort, String acceptEncoding) {}

  @FunctionalInterface
  public interface Responder {
    void respond(HttpExchange exchange) throws IOException;
  }

  private final HttpsServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final String token;
  private final Map<String, Responder> routes = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private LocalApiServer(KeyStore keyStore, String token) throws Exception {
    this.token = token;
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, TestPki.PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static LocalApiServer start(KeyStore keyStore, String token) {
    try {
      return new LocalApiServer(keyStore, token);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the local HTTPS server", e);
    }
  }

  /** Answers {@code path} (without query) with {@code responder}. */
  public LocalApiServer on(String path, Responder responder) {
    routes.put(path, responder);
    return this;
  }

  public URI url() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public static Responder json(int status, String body) {
    return exchange -> send(exchange, status, "application/json", body);
  }

  public static Responder text(int status, String contentType, String body) {
    return exchange -> send(exchange, status, contentType, body);
  }

  /** A Kubernetes-style Status answer such as 403 Forbidden. */
  public static Responder status(int status, String reason) {
    return json(status, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
        + "\"reason\":\"" + reason + "\",\"code\":" + status + "}");
  }

  /** {@code body} gzipped once, sent with Content-Encoding: gzip. */
  public static Responder gzipJson(String body) {
    return gzipJson(body, "", 0, "");
  }

  /**
   * {@code head}, {@code times} × {@code repeated}, {@code tail}, gzipped once at the best
   * compression, so a body of hundreds of MiB (a gzip bomb) is a small array here.
   */
  public static Responder gzipJson(String head, String repeated, long times, String tail) {
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    byte[] unit = repeated.repeat(repeated.isEmpty() ? 0 : 4096).getBytes(StandardCharsets.UTF_8);
    try (OutputStream gzip = new GZIPOutputStream(packed, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      gzip.write(head.getBytes(StandardCharsets.UTF_8));
      for (long done = 0; done < times; done += 4096) {
        gzip.write(unit, 0, (int) Math.min(4096, times - done) * repeated.length());
      }
      gzip.write(tail.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = packed.toByteArray();
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    };
  }

  public static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      URI uri = exchange.getRequestURI();
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      received.add(new Received(uri.getRawPath()
          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), authorization,
          exchange.getRemoteAddress().getPort(),
          String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Encoding"))));
      exchange.getRequestBody().readAllBytes();
      if (!("Bearer " + token).equals(authorization)) {
        status(401, "Unauthorized").respond(exchange);
        return;
      }
      Responder responder = routes.get(uri.getRawPath());
      (responder == null ? status(404, "NotFound") : responder).respond(exchange);
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
