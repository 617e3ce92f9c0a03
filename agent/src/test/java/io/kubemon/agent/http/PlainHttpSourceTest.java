package io.kubemon.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import io.kubemon.agent.secret.Secret;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * --allow-http: an http:// API server is read like any other, and the token goes out in clear
 * (which is why the option exists only as an explicit choice with a warning).
 */
class PlainHttpSourceTest {
  @Test
  void anHttpApiServerIsReadAndGetsTheTokenInClear() throws Exception {
    AtomicReference<String> authorization = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/version", exchange -> {
      authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = "{\"gitVersion\":\"v1.33.1\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      HttpSettings settings = new HttpSettings(url, TlsSettings.JVM_DEFAULT,
          ProxySetting.NO_PROXY, Duration.ofSeconds(2), Duration.ofSeconds(5));
      try (HttpJsonSource source = new HttpJsonSource(settings, Secret.of("t0ken"),
          Deadline.after(Duration.ofSeconds(30)), Map.of())) {
        JsonElement version = source.getJson("/version", JsonParser::parseReader);
        assertEquals("v1.33.1", version.getAsJsonObject().get("gitVersion").getAsString());
        assertTrue(source.serverCertificate().isEmpty(), "no TLS, yet a certificate");
      }
      assertEquals("Bearer t0ken", authorization.get());
    } finally {
      server.stop(0);
    }
  }
}
