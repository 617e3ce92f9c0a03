package io.kubemon.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.kubemon.agent.secret.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies a hostile or broken server sends: one the client stops reading early is dropped with its
 * connection, not read to the end; a body that is not JSON, or JSON a reader cannot map, is that
 * request's {@link SourceException}, never an exception out of the run.
 */
class HostileBodyTest {
  private static final String TOKEN = "hostile-body-token";
  private static final TestPki PKI = new TestPki("hostile-body-ca");
  private static final long GIB = 1L << 30;
  private static final AtomicLong written = new AtomicLong();
  private static LocalApiServer server;

  @BeforeAll
  static void start() {
    server =
        LocalApiServer.start(PKI.localServerKeyStore(), TOKEN)
            .on("/huge", exchange -> huge(exchange, "text/plain"))
            .on("/huge.json", exchange -> huge(exchange, "application/json"))
            .on("/html", LocalApiServer.json(200, "<html><body>502 Bad Gateway</body></html>"))
            .on("/status", LocalApiServer.json(200, "{\"status\":null}"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Announces 1 GiB and writes it until the client hangs up, counting what it wrote. */
  private static void huge(com.sun.net.httpserver.HttpExchange exchange, String type)
      throws IOException {
    byte[] chunk = new byte[1 << 16];
    Arrays.fill(chunk, (byte) ' ');
    chunk[0] = '{';
    written.set(0);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, GIB);
    try (OutputStream out = exchange.getResponseBody()) {
      for (long left = GIB; left > 0; left -= chunk.length) {
        out.write(chunk);
        written.addAndGet(chunk.length);
        chunk[0] = ' ';
      }
    } catch (IOException e) {
      // The client dropped the connection: what this test wants.
    }
  }

  @Test
  void aTextAnswerReadInPartDropsTheRestWithTheConnection() throws Exception {
    try (HttpJsonSource source = source()) {
      TextResponse answer = source.getText("/huge", 1024);
      assertEquals(200, answer.statusCode());
      assertEquals(1024, answer.body().length());
    }
    assertTrue(written.get() < (64L << 20), "the server wrote " + written.get() + " bytes");
  }

  @Test
  void aJsonReaderThatStopsEarlyDropsTheRestWithTheConnection() throws Exception {
    try (HttpJsonSource source = source()) {
      source.getJson(
          "/huge.json",
          in -> {
            in.beginObject();
            return null;
          });
    }
    assertTrue(written.get() < (64L << 20), "the server wrote " + written.get() + " bytes");
  }

  @Test
  void anHtmlPageAsJsonIsInvalidJsonEvenForALenientTreeParser() throws Exception {
    SourceException e = fails("/html", JsonParser::parseReader);
    assertEquals("invalid-json", e.anchor());
    assertTrue(e.getMessage().startsWith("GET /html: invalid JSON at $"), e.getMessage());
  }

  @Test
  void aReaderThatCannotMapTheBodyFailsOnlyThisRequest() throws Exception {
    SourceException e =
        fails(
            "/status",
            in -> JsonParser.parseReader(in).getAsJsonObject().getAsJsonObject("status").size());
    assertEquals("invalid-json", e.anchor());
    assertEquals(200, e.httpStatus());
  }

  @Test
  void anIoFailureWrappedByAReaderStaysATransportFailure() throws Exception {
    SourceException e =
        fails(
            "/status",
            in -> {
              throw new UncheckedIOException(new SocketTimeoutException("Read timed out"));
            });
    assertEquals("read-timeout", e.anchor());
  }

  private static SourceException fails(String path, JsonSource.BodyReader<?> reader)
      throws IOException {
    try (HttpJsonSource source = source()) {
      return assertThrows(SourceException.class, () -> source.getJson(path, reader));
    }
  }

  private static HttpJsonSource source() {
    try {
      return new HttpJsonSource(
          HttpJsonSourceTest.settings(
              server.url(),
              TlsSettings.fromInline("--ca-cert", PKI.caPem()),
              Duration.ofSeconds(10)),
          Secret.of(TOKEN),
          Deadline.after(Duration.ofSeconds(30)),
          Map.of());
    } catch (io.kubemon.agent.ConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
