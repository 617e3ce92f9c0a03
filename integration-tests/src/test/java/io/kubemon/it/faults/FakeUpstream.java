package io.kubemon.it.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * What the simulator's proxies forward to for the usage rows: a minimal healthy Prometheus ({@code
 * /api/v1/targets}, {@code /api/v1/query}) and kubelet Summary API. The faults are injected in
 * front of it, at the simulated API server, where the agent meets them.
 */
final class FakeUpstream implements AutoCloseable {
  private final HttpServer server;

  FakeUpstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/api/v1/targets",
        e ->
            send(
                e,
                "{\"status\":\"success\",\"data\":{\"activeTargets\":[{\"health\":\"up\","
                    + "\"lastError\":\"\",\"labels\":{\"job\":\"kubelet\",\"instance\":\"n\"}}]}}"));
    server.createContext(
        "/api/v1/query",
        e ->
            send(e, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
    server.createContext("/nodes/", FakeUpstream::summary);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** {@code /nodes/NAME/stats/summary}: the node's CPU and memory, no pods. */
  private static void summary(HttpExchange exchange) throws IOException {
    String node = exchange.getRequestURI().getPath().split("/")[2];
    String time = "\"time\":\"2026-11-27T00:00:00Z\"";
    send(
        exchange,
        "{\"node\":{\"nodeName\":\""
            + node
            + "\",\"cpu\":{"
            + time
            + ",\"usageNanoCores\":250000000},\"memory\":{"
            + time
            + ",\"workingSetBytes\":1048576}},\"pods\":[]}");
  }

  private static void send(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
