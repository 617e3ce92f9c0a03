package io.kubemon.it.sim.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes a response the way an injected fault says it should go wrong. */
final class FaultWriter {
  private FaultWriter() {}

  static void write(HttpExchange exchange, Reply reply, Faults.Fault fault) throws IOException {
    switch (fault.kind()) {
      case SLOW -> {
        sleep(fault);
        KubeSimulator.write(exchange, reply);
      }
      case STATUS ->
          KubeSimulator.write(
              exchange,
              Reply.status(
                  fault.value(),
                  fault.value() == 503 ? "ServiceUnavailable" : "InternalError",
                  "Internal error occurred: injected fault " + fault.value()));
      case TOO_MANY_REQUESTS -> {
        exchange.getResponseHeaders().set("Retry-After", Integer.toString(fault.value()));
        KubeSimulator.write(
            exchange,
            Reply.status(429, "TooManyRequests", "Too many requests, please try again later."));
      }
      case TRUNCATED_JSON -> {
        byte[] body = KubeSimulator.render(reply);
        byte[] half = Arrays.copyOf(body, Math.max(1, body.length / 2));
        send(exchange, reply, half, half.length);
      }
      case INVALID_JSON -> {
        byte[] html =
            "<html><body><h1>502 Bad Gateway</h1></body></html>\n".getBytes(StandardCharsets.UTF_8);
        send(exchange, reply, html, html.length);
      }
      case STALL -> {
        byte[] body = KubeSimulator.render(reply);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        sleep(fault);
        out.write(body, body.length / 2, body.length - body.length / 2);
        out.close();
      }
      case UNAVAILABLE -> {
        exchange.getResponseHeaders().set("Retry-After", Integer.toString(fault.value()));
        KubeSimulator.write(
            exchange,
            Reply.status(503, "ServiceUnavailable", "the server is currently unable to handle"));
      }
      case WRONG_CONTENT_TYPE -> {
        byte[] body = KubeSimulator.render(reply);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      case HUGE_BODY -> hugeBody(exchange, (long) fault.value() << 20);
      case REDIRECT -> {
        String target = "https://localhost:" + fault.value() + exchange.getRequestURI().toString();
        exchange.getResponseHeaders().set("Location", target);
        KubeSimulator.write(exchange, Reply.status(302, "Found", "moved to " + target));
      }
    }
  }

  /**
   * A valid list start, then spaces up to {@code length} bytes: JSON that never ends, so only a
   * body limit or the deadline stops a client. Throws once the client hangs up.
   */
  private static void hugeBody(HttpExchange exchange, long length) throws IOException {
    byte[] head = "{\"kind\":\"List\",\"items\":[".getBytes(StandardCharsets.UTF_8);
    byte[] spaces = new byte[1 << 16];
    Arrays.fill(spaces, (byte) ' ');
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(head);
      for (long left = length - head.length; left > 0; left -= spaces.length) {
        out.write(spaces, 0, (int) Math.min(left, spaces.length));
      }
    }
  }

  private static void send(HttpExchange exchange, Reply reply, byte[] body, int length)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(reply.status(), length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void sleep(Faults.Fault fault) {
    try {
      Thread.sleep(fault.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
