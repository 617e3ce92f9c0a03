package io.kubemon.it.sim;

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
