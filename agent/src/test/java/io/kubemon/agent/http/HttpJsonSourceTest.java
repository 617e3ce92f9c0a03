package io.kubemon.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.kubemon.agent.secret.Secret;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The transport against a real local HTTPS server: TLS, token, statuses, retries, deadline. */
class HttpJsonSourceTest {
  private static final String TOKEN = "kubemon-test-token-" + UUID.randomUUID();
  private static final TestPki PKI = new TestPki("kubemon-test-ca");
  private static LocalApiServer server;
  private static final String NODES = "{\"items\":[{\"metadata\":{\"name\":\"n1\"}}]}";
  /** One string of zeros past the body limit: about 0.3 MiB gzipped. */
  private static final long BOMB_ZEROS = HttpJsonSource.MAX_BODY_BYTES + 1024;

  @BeforeAll
  static void startServer() {
    server = LocalApiServer.start(PKI.localServerKeyStore(), TOKEN)
        .on("/api/v1/nodes",
            LocalApiServer.json(200, "{\"items\":[{\"metadata\":{\"name\":\"n1\"}}]}"))
        .on("/apis/batch/v1/cronjobs", LocalApiServer.status(403, "Forbidden"))
        .on("/truncated", LocalApiServer.json(200, "{\"items\":[{\"metadata\":{\"name\":"))
        .on("/html", LocalApiServer.text(200, "text/html", "<html>login</html>"))
        .on("/readyz",
            LocalApiServer.text(500, "text/plain", "[-]etcd failed\nreadyz check failed"))
        .on("/gzip", LocalApiServer.gzipJson(NODES))
        .on("/bomb", LocalApiServer.gzipJson("{\"items\":\"", "0", BOMB_ZEROS, "\"}"))
        .on("/slow", exchange -> {
          sleep(3000);
          LocalApiServer.send(exchange, 200, "application/json", "{}");
        });
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void readsJsonOverVerifiedTlsWithTheToken() throws Exception {
    try (HttpJsonSource source = source(server.url(), trusting(PKI), deadline(20))) {
      JsonElement nodes = source.getJson("/api/v1/nodes", JsonParser::parseReader);
      assertEquals("n1", nodes.getAsJsonObject().getAsJsonArray("items").get(0)
          .getAsJsonObject().getAsJsonObject("metadata").get("name").getAsString());
      assertEquals("Bearer " + TOKEN, last().authorization());
      assertEquals(1, source.requestCount());
      assertTrue(source.bytesRead() > 20, "bytes read: " + source.bytesRead());
      assertEquals("CN=kubemon-test-ca-server",
          source.serverCertificate().orElseThrow().getSubjectX500Principal().getName());
    }
  }

  @Test
  void requestsShareOnePooledConnection() throws Exception {
    try (HttpJsonSource source = source(server.url(), trusting(PKI), deadline(20))) {
      int before = server.received().size();
      for (int i = 0; i < 3; i++) {
        source.getJson("/api/v1/nodes", JsonParser::parseReader);
      }
      List<LocalApiServer.Received> mine = server.received().subList(before, before + 3);
      assertEquals(1, mine.stream().map(LocalApiServer.Received::clientPort).distinct().count(),
          "client ports: " + mine);
    }
  }

  @Test
  void anUnknownCaIsOneClearTlsLine() {
    SourceException e = fails(trusting(new TestPki("other-ca")), "/api/v1/nodes");
    assertEquals("GET /api/v1/nodes: TLS: the certificate of 127.0.0.1:" + server.url().getPort()
        + " is signed by an unknown CA", e.getMessage());
    assertEquals("pass the cluster CA with --ca-file (ca.crt of the check-mk-token Secret)",
        e.hint());
    assertEquals("tls-unknown-ca", e.anchor());
  }

  @Test
  void theJvmDefaultStoreDoesNotTrustAClusterCa() {
    assertEquals("tls-unknown-ca", fails(TlsSettings.JVM_DEFAULT, "/api/v1/nodes").anchor());
  }

  @Test
  void aCertificateForAnotherHostIsRefused() {
    try (LocalApiServer other = LocalApiServer.start(
        PKI.serverKeyStore(Instant.now().plusSeconds(3600), "api.example.org"), TOKEN)) {
      SourceException e = assertThrows(SourceException.class,
          () -> get(other.url(), trusting(PKI), "/api/v1/nodes"));
      assertEquals("tls-hostname-mismatch", e.anchor());
      assertTrue(e.getMessage().endsWith("does not name this host"), e.getMessage());
    }
  }

  @Test
  void anExpiredCertificateIsNamed() {
    try (LocalApiServer expired = LocalApiServer.start(
        PKI.serverKeyStore(Instant.now().minus(Duration.ofDays(1)), "127.0.0.1"), TOKEN)) {
      SourceException e = assertThrows(SourceException.class,
          () -> get(expired.url(), trusting(PKI), "/api/v1/nodes"));
      assertEquals("tls-certificate-expired", e.anchor());
    }
  }

  @Test
  void noCertCheckAcceptsAnUnknownCaAndAnyHostName() throws Exception {
    try (LocalApiServer other = LocalApiServer.start(
        new TestPki("unknown").serverKeyStore(Instant.now().plusSeconds(3600), "x.example"),
        TOKEN)) {
      other.on("/version", LocalApiServer.json(200, "{\"gitVersion\":\"v1.33.4\"}"));
      JsonElement version = get(other.url(), TlsSettings.insecure(), "/version");
      assertEquals("v1.33.4", version.getAsJsonObject().get("gitVersion").getAsString());
    }
  }

  @Test
  void aRejectedTokenIsAClear401() {
    try (HttpJsonSource source = new HttpJsonSource(settings(server.url(), trusting(PKI),
        Duration.ofSeconds(5)), Secret.of("wrong-token"), deadline(20), Map.of())) {
      SourceException e = assertThrows(SourceException.class,
          () -> source.getJson("/api/v1/nodes", JsonParser::parseReader));
      assertEquals("GET /api/v1/nodes: the token was rejected (HTTP 401)", e.getMessage());
      assertEquals(401, e.httpStatus());
      assertEquals("token-rejected", e.anchor());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void forbiddenNamesTheRuleToGrant() {
    SourceException e = fails(trusting(PKI), "/apis/batch/v1/cronjobs?limit=500");
    assertEquals("GET /apis/batch/v1/cronjobs?limit=500 forbidden for the agent's token",
        e.getMessage());
    assertEquals("grant \"list cronjobs\" (apiGroup batch) to the ClusterRole"
        + " check-mk-metrics-reader (check_mk_rbac.yaml)", e.hint());
    assertEquals("rbac-forbidden", e.anchor());
  }

  @Test
  void aRedirectIsNotFollowedAndTheTokenStaysHome() {
    try (LocalApiServer elsewhere = LocalApiServer.start(PKI.localServerKeyStore(), TOKEN)) {
      elsewhere.on("/api/v1/pods", LocalApiServer.json(200, "{\"items\":[]}"));
      URI target = URI.create("https://localhost:" + elsewhere.url().getPort() + "/api/v1/pods");
      server.on("/api/v1/pods", exchange -> {
        exchange.getResponseHeaders().set("Location", target.toString());
        LocalApiServer.send(exchange, 302, "text/plain", "");
      });
      SourceException e = fails(trusting(PKI), "/api/v1/pods");
      assertEquals("GET /api/v1/pods: redirected (HTTP 302) to localhost, not followed so the"
          + " token stays with the API server", e.getMessage());
      assertEquals("redirect-refused", e.anchor());
      assertEquals(List.of(), elsewhere.received());
    }
  }

  @Test
  void busyAnswersAreRetriedUpToThreeAttempts() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    server.on("/flaky", exchange -> {
      if (calls.incrementAndGet() < 3) {
        exchange.getResponseHeaders().set("Retry-After", "0");
        LocalApiServer.send(exchange, 503, "application/json", "{}");
      } else {
        LocalApiServer.send(exchange, 200, "application/json", "{\"ok\":true}");
      }
    });
    try (HttpJsonSource source = source(server.url(), trusting(PKI), deadline(20))) {
      assertTrue(source.getJson("/flaky", JsonParser::parseReader).getAsJsonObject()
          .get("ok").getAsBoolean());
      assertEquals(3, source.requestCount());
    }
    server.on("/down", LocalApiServer.json(429, "{}"));
    SourceException e = fails(trusting(PKI), "/down");
    assertEquals("GET /down: HTTP 429 after 3 attempts", e.getMessage());
    assertEquals("server-busy", e.anchor());
  }

  @Test
  void aRetryAfterBeyondTheDeadlineEndsTheRetries() throws Exception {
    server.on("/later", exchange -> {
      exchange.getResponseHeaders().set("Retry-After", "120");
      LocalApiServer.send(exchange, 503, "application/json", "{}");
    });
    try (HttpJsonSource source = source(server.url(), trusting(PKI), deadline(20))) {
      SourceException e = assertThrows(SourceException.class,
          () -> source.getJson("/later", JsonParser::parseReader));
      assertEquals("GET /later: HTTP 503 after 1 attempt", e.getMessage());
      assertEquals(1, source.requestCount());
    }
  }

  @Test
  void theDeadlineCutsASlowAnswer() throws Exception {
    Deadline deadline = Deadline.after(Duration.ofMillis(700));
    try (HttpJsonSource source = source(server.url(), trusting(PKI), deadline)) {
      SourceException e = assertThrows(SourceException.class,
          () -> source.getJson("/slow", JsonParser::parseReader));
      assertEquals("deadline-reached", e.anchor());
      assertEquals("GET /slow: deadline reached (--deadline 0.7 s)", e.getMessage());
      assertTrue(deadline.hit());
      int before = server.received().size();
      SourceException after = assertThrows(SourceException.class,
          () -> source.getJson("/api/v1/nodes", JsonParser::parseReader));
      assertEquals("deadline-reached", after.anchor());
      assertEquals(before, server.received().size(), "no request after the deadline");
    }
  }

  @Test
  void aSilentServerIsAReadTimeout() throws Exception {
    HttpSettings quick = settings(server.url(), trusting(PKI), Duration.ofMillis(300));
    try (HttpJsonSource source = new HttpJsonSource(quick, Secret.of(TOKEN), deadline(20),
        Map.of())) {
      SourceException e = assertThrows(SourceException.class,
          () -> source.getJson("/slow", JsonParser::parseReader));
      assertEquals("read-timeout", e.anchor());
    }
  }

  @Test
  void aClosedPortIsConnectionRefused() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    SourceException e = assertThrows(SourceException.class,
        () -> get(URI.create("https://127.0.0.1:" + port), trusting(PKI), "/version"));
    assertEquals("GET /version: 127.0.0.1:" + port + " refused the connection", e.getMessage());
    assertEquals("connection-refused", e.anchor());
  }

  @Test
  void asksForGzipAndReadsTheInflatedBody() throws Exception {
    try (HttpJsonSource source = source(server.url(), trusting(PKI), deadline(20))) {
      JsonElement nodes = source.getJson("/gzip", JsonParser::parseReader);
      assertEquals(JsonParser.parseString(NODES), nodes);
      assertTrue(last().acceptEncoding().contains("gzip"), last().acceptEncoding());
      assertEquals(NODES.length(), source.bytesRead());
    }
  }

  @Test
  void aGzipBombIsStoppedAtTheInflatedLimit() {
    SourceException e = assertThrows(SourceException.class, () -> {
      try (HttpJsonSource source = source(server.url(), trusting(PKI), deadline(20))) {
        source.getJson("/bomb", json -> {
          json.skipValue();
          return null;
        });
      }
    });
    assertTrue(e.getMessage().contains("the body exceeds 256 MiB"), e.getMessage());
  }

  @Test
  void truncatedJsonNamesTheJsonPath() {
    SourceException e = fails(trusting(PKI), "/truncated");
    assertEquals("invalid-json", e.anchor());
    assertTrue(e.getMessage().startsWith("GET /truncated: invalid JSON at $.items[0].metadata"),
        e.getMessage());
  }

  @Test
  void htmlInsteadOfJsonIsNamed() {
    SourceException e = fails(trusting(PKI), "/html");
    assertEquals("GET /html: expected application/json, got text/html", e.getMessage());
    assertEquals("unexpected-content-type", e.anchor());
  }

  @Test
  void textEndpointsReturnAnyStatusCutToSize() throws Exception {
    try (HttpJsonSource source = source(server.url(), trusting(PKI), deadline(20))) {
      TextResponse ready = source.getText("/readyz?verbose", 8);
      assertEquals(500, ready.statusCode());
      assertEquals("[-]etcd ", ready.body());
    }
  }

  @Test
  void theTokenIsInNoFailureText() {
    for (String path : List.of("/apis/batch/v1/cronjobs", "/truncated", "/html", "/missing")) {
      SourceException e = fails(trusting(PKI), path);
      String all = e.getMessage() + e.hint() + e.anchor() + e.request() + e;
      assertFalse(all.contains(TOKEN), path);
    }
  }

  private static SourceException fails(TlsSettings tls, String path) {
    return assertThrows(SourceException.class, () -> get(server.url(), tls, path));
  }

  private static JsonElement get(URI url, TlsSettings tls, String path) throws Exception {
    try (HttpJsonSource source = source(url, tls, deadline(20))) {
      return source.getJson(path, JsonParser::parseReader);
    }
  }

  /**
   * The deadline's abort can release a connection between its lease and the request being sent;
   * HttpClient then throws IllegalStateException "Endpoint not acquired / already released",
   * which used to escape as a RuntimeException and be reported as JSON of an unexpected shape.
   * Deadlines that end while requests are being set up (fresh pool, fresh TLS connection): every
   * failure must be the deadline. A race, so a regression shows on some runs, not on all.
   */
  @Test
  void aDeadlineAbortRacingTheRequestSetUpIsTheDeadline() throws Exception {
    java.util.Random random = new java.util.Random();
    java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
    for (int i = 0; i < 200; i++) {
      Deadline deadline = Deadline.after(Duration.ofNanos(1000L * random.nextInt(30_000)));
      try (HttpJsonSource source = source(server.url(), trusting(PKI), deadline)) {
        source.getJson("/api/v1/nodes", JsonParser::parseReader);
        outcomes.merge("ok", 1, Integer::sum);
      } catch (SourceException e) {
        outcomes.merge(e.anchor(), 1, Integer::sum);
        assertEquals("deadline-reached", e.anchor(), e.getMessage());
      }
    }
    assertTrue(outcomes.containsKey("deadline-reached"), "no deadline hit at all: " + outcomes);
  }

  private static HttpJsonSource source(URI url, TlsSettings tls, Deadline deadline) {
    return new HttpJsonSource(settings(url, tls, Duration.ofSeconds(5)), Secret.of(TOKEN),
        deadline, Map.of());
  }

  static HttpSettings settings(URI url, TlsSettings tls, Duration readTimeout) {
    return new HttpSettings(url, tls, ProxySetting.NO_PROXY, Duration.ofSeconds(2), readTimeout);
  }

  private static TlsSettings trusting(TestPki pki) {
    return new TlsSettings("inline", null, List.of(pki.ca()), false);
  }

  private static Deadline deadline(int seconds) {
    return Deadline.after(Duration.ofSeconds(seconds));
  }

  private static LocalApiServer.Received last() {
    List<LocalApiServer.Received> all = server.received();
    return all.get(all.size() - 1);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
