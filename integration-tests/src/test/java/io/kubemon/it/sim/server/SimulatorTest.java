package io.kubemon.it.sim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubemon.it.sim.cluster.GeneratedCluster;
import io.kubemon.it.sim.cluster.Resource;
import io.kubemon.it.sim.cluster.Usage;
import io.kubemon.it.sim.cluster.User;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated API server against our own RBAC manifest: what it grants, refuses and pages. */
class SimulatorTest {
  private static final String SA = "system:serviceaccount:check-mk:check-mk";
  private static KubeSimulator simulator;
  private static GeneratedCluster cluster;
  private static ApiClient admin;
  private static ApiClient checkmk;

  @BeforeAll
  static void start() throws IOException {
    simulator = KubeSimulator.start();
    cluster =
        GeneratedCluster.seed(
            simulator.store(),
            new GeneratedCluster.Spec(7, 20, 10, Instant.parse("2026-11-27T00:00:00Z")));
    simulator.apply(TestPaths.manifest("check_mk_rbac.yaml"));
    admin = new ApiClient(simulator.url(), simulator.caPem(), simulator.adminToken());
    JsonObject secret = json(admin.get("/api/v1/namespaces/check-mk/secrets/check-mk-token"));
    String token = decode(secret.getAsJsonObject("data").get("token").getAsString());
    checkmk = new ApiClient(simulator.url(), simulator.caPem(), token);
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  @Test
  void tokenSecretIsFilledLikeTheTokenController() throws IOException {
    JsonObject data =
        json(admin.get("/api/v1/namespaces/check-mk/secrets/check-mk-token"))
            .getAsJsonObject("data");
    assertEquals(simulator.caPem(), decode(data.get("ca.crt").getAsString()));
    assertEquals("check-mk", decode(data.get("namespace").getAsString()));
  }

  @Test
  void grantsWhatTheClusterRoleGrants() throws IOException {
    assertEquals(200, checkmk.get("/api/v1/pods").statusCode());
    assertEquals(200, checkmk.get("/apis/batch/v1/cronjobs").statusCode());
    assertEquals(200, checkmk.get("/apis/metrics.k8s.io/v1beta1/nodes").statusCode());
    assertEquals(200, checkmk.get("/readyz?verbose").statusCode());
    // Granted by resourceNames; 404 because nothing registered the adapter yet.
    assertEquals(
        404,
        checkmk
            .get("/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.custom.metrics.k8s.io")
            .statusCode());
    // The Role in check-mk grants services/proxy on Prometheus: no Prometheus here, so 503, not
    // 403.
    assertEquals(
        503,
        checkmk
            .get(
                "/api/v1/namespaces/check-mk/services/https:prometheus:9090/proxy/api/v1/query?query=up")
            .statusCode());
  }

  @Test
  void refusesWhatTheClusterRoleDoesNotGrantWithTheRealMessage() throws IOException {
    assertForbidden(
        checkmk.get("/api/v1/secrets"),
        "secrets is forbidden: User \""
            + SA
            + "\" cannot list resource \"secrets\" in API group \"\" at the cluster scope");
    assertForbidden(
        checkmk.get("/api/v1/namespaces/default/configmaps"),
        "configmaps is forbidden: User \""
            + SA
            + "\" cannot list resource \"configmaps\" in API group \"\" in the namespace"
            + " \"default\"");
    assertForbidden(
        checkmk.get("/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io"),
        "apiservices.apiregistration.k8s.io \"v1beta1.metrics.k8s.io\" is forbidden: User \""
            + SA
            + "\" cannot get resource \"apiservices\" in API group \"apiregistration.k8s.io\" at"
            + " the cluster scope");
    assertForbidden(
        checkmk.get("/api/v1/namespaces/kube-system/services/https:prometheus:9090/proxy/"),
        "services \"https:prometheus:9090\" is forbidden: User \""
            + SA
            + "\" cannot get resource \"services/proxy\" in API group \"\" in the namespace"
            + " \"kube-system\"");
    assertForbidden(
        checkmk.get("/metrics"), "forbidden: User \"" + SA + "\" cannot get path \"/metrics\"");
  }

  @Test
  void refusesUnknownTokens() throws IOException {
    HttpResponse<String> response =
        new ApiClient(simulator.url(), simulator.caPem(), "not-a-token").get("/api/v1/nodes");
    assertEquals(401, response.statusCode());
    assertEquals("Unauthorized", json(response).get("reason").getAsString());
    assertEquals(
        401, new ApiClient(simulator.url(), simulator.caPem(), null).get("/version").statusCode());
  }

  @Test
  void pagesThroughEveryPodExactlyOnce() throws IOException {
    Set<String> names = new HashSet<>();
    String next = "";
    int pages = 0;
    do {
      JsonObject page =
          json(checkmk.get("/api/v1/pods?limit=37" + (next.isEmpty() ? "" : "&continue=" + next)));
      page.getAsJsonArray("items")
          .forEach(
              p ->
                  names.add(
                      p.getAsJsonObject().getAsJsonObject("metadata").get("name").getAsString()));
      JsonElement token = page.getAsJsonObject("metadata").get("continue");
      next = token == null ? "" : token.getAsString();
      pages++;
    } while (!next.isEmpty());
    assertEquals(cluster.podCount(), names.size());
    assertEquals((cluster.podCount() + 36) / 37, pages);
  }

  @Test
  void listsOfAGeneratedClusterAreTheTextGsonWritesEveryTime() throws IOException {
    // Pages are served from kept JSON text after the first request: the same bytes as writing
    // each generated object's tree, first time and later, paged, whole and by namespace.
    List<JsonObject> pods = simulator.store().all(Resource.PODS);
    Gson gson = new Gson();
    for (int round = 0; round < 2; round++) {
      String page = checkmk.get("/api/v1/pods?limit=37").body();
      String items = pods.subList(0, 37).stream().map(gson::toJson)
          .collect(Collectors.joining(",", "\"items\":[", "]}"));
      assertTrue(page.endsWith(items), page);
      String whole = checkmk.get("/api/v1/pods").body();
      assertTrue(whole.endsWith(pods.stream().map(gson::toJson)
          .collect(Collectors.joining(",", "\"items\":[", "]}"))), "whole list");
      String defaults = checkmk.get("/api/v1/namespaces/default/pods?limit=2").body();
      assertTrue(defaults.endsWith(pods.stream()
          .filter(p -> "default".equals(p.getAsJsonObject("metadata").get("namespace")
              .getAsString()))
          .limit(2).map(gson::toJson)
          .collect(Collectors.joining(",", "\"items\":[", "]}"))), defaults);
    }
  }

  @Test
  void podMetricsAreTheUsageOfEachRunningPodEveryTime() throws IOException {
    // The usage of generated pods is made once and kept: each answer is still every running
    // pod's containers with Usage's figures for them.
    List<String> expected = new java.util.ArrayList<>();
    for (JsonObject pod : simulator.store().all(Resource.PODS)) {
      if ("Running".equals(pod.getAsJsonObject("status").get("phase").getAsString())) {
        for (String c : MetricsApi.containerNames(pod)) {
          expected.add(pod.getAsJsonObject("metadata").get("namespace").getAsString() + "/"
              + pod.getAsJsonObject("metadata").get("name").getAsString() + "/" + c + " "
              + MetricsApi.nanocores(Usage.cpuCores(pod, c)) + " "
              + MetricsApi.kibibytes(Usage.memoryBytes(pod, c)));
        }
      }
    }
    assertTrue(expected.size() > 100, "running containers: " + expected.size());
    for (int round = 0; round < 2; round++) {
      List<String> served = new java.util.ArrayList<>();
      for (JsonElement item :
          json(checkmk.get("/apis/metrics.k8s.io/v1beta1/pods")).getAsJsonArray("items")) {
        JsonObject meta = item.getAsJsonObject().getAsJsonObject("metadata");
        for (JsonElement c : item.getAsJsonObject().getAsJsonArray("containers")) {
          JsonObject usage = c.getAsJsonObject().getAsJsonObject("usage");
          served.add(meta.get("namespace").getAsString() + "/" + meta.get("name").getAsString()
              + "/" + c.getAsJsonObject().get("name").getAsString() + " "
              + usage.get("cpu").getAsString() + " " + usage.get("memory").getAsString());
        }
      }
      assertEquals(expected, served);
    }
  }

  @Test
  void largeListsAreGzippedLikeTheApiServerSmallOnesAreNot() throws IOException {
    String plain = checkmk.get("/api/v1/pods").body();
    assertTrue(plain.length() > GzipResponse.THRESHOLD_BYTES, "pods list: " + plain.length());
    HttpResponse<byte[]> packed = checkmk.getRaw("/api/v1/pods", "gzip, deflate");
    assertEquals("gzip", packed.headers().firstValue("Content-Encoding").orElse("none"));
    assertTrue(packed.body().length * 5 < plain.length(), "gzipped: " + packed.body().length);
    try (var in = new GZIPInputStream(new ByteArrayInputStream(packed.body()))) {
      assertEquals(
          JsonParser.parseString(plain), JsonParser.parseString(new String(in.readAllBytes(),
              StandardCharsets.UTF_8)));
    }
    HttpResponse<byte[]> page = checkmk.getRaw("/api/v1/pods?limit=2", "gzip");
    assertEquals("none", page.headers().firstValue("Content-Encoding").orElse("none"));
    assertEquals("PodList", JsonParser.parseString(new String(page.body(),
        StandardCharsets.UTF_8)).getAsJsonObject().get("kind").getAsString());
    HttpResponse<byte[]> refused = checkmk.getRaw("/api/v1/pods", "gzip;q=0, identity");
    assertEquals("none", refused.headers().firstValue("Content-Encoding").orElse("none"));
    assertEquals(plain.length(), refused.body().length);
  }

  @Test
  void namespacedListsHoldOnlyThatNamespace() throws IOException {
    JsonObject list = json(checkmk.get("/api/v1/namespaces/default/pods?limit=2"));
    list.getAsJsonArray("items")
        .forEach(
            p ->
                assertEquals(
                    "default",
                    p.getAsJsonObject()
                        .getAsJsonObject("metadata")
                        .get("namespace")
                        .getAsString()));
    assertEquals(2, list.getAsJsonArray("items").size());
  }

  @Test
  void anExpiredContinueTokenIsGone() throws IOException {
    String token =
        json(checkmk.get("/apis/apps/v1/replicasets?limit=5"))
            .getAsJsonObject("metadata")
            .get("continue")
            .getAsString();
    simulator.expireContinueTokens();
    HttpResponse<String> response =
        checkmk.get("/apis/apps/v1/replicasets?limit=5&continue=" + token);
    assertEquals(410, response.statusCode());
    JsonObject status = json(response);
    assertEquals("Status", status.get("kind").getAsString());
    assertEquals("Expired", status.get("reason").getAsString());
    assertEquals(410, status.get("code").getAsInt());
  }

  @Test
  void aContinueTokenOlderThanItsLifetimeIsGone() throws Exception {
    String token =
        json(checkmk.get("/api/v1/nodes?limit=3"))
            .getAsJsonObject("metadata")
            .get("continue")
            .getAsString();
    simulator.continueTokenLifetime(java.time.Duration.ofMillis(50));
    try {
      Thread.sleep(100);
      assertEquals(410, checkmk.get("/api/v1/nodes?limit=3&continue=" + token).statusCode());
    } finally {
      simulator.continueTokenLifetime(java.time.Duration.ofMinutes(5));
    }
  }

  @Test
  void aContinueTokenOfAnotherListIsABadRequest() throws IOException {
    String token =
        json(checkmk.get("/api/v1/nodes?limit=3"))
            .getAsJsonObject("metadata")
            .get("continue")
            .getAsString();
    assertEquals(400, checkmk.get("/api/v1/pods?limit=3&continue=" + token).statusCode());
  }

  @Test
  void aSlowPathIsSlowAndStillAnswers() throws IOException {
    simulator.faults().slow("/api/v1/namespaces", java.time.Duration.ofMillis(300));
    try {
      long start = System.nanoTime();
      assertEquals(200, checkmk.get("/api/v1/namespaces").statusCode());
      assertTrue(System.nanoTime() - start >= 300_000_000L, "answered before the delay");
    } finally {
      simulator.faults().clear();
    }
  }

  @Test
  void aClientTrustingAnotherCaCannotConnect() {
    String otherCa = SimCertificates.generate().caPem();
    ApiClient stranger = new ApiClient(simulator.url(), otherCa, simulator.adminToken());
    assertThrows(SSLHandshakeException.class, () -> stranger.get("/version"));
  }

  @Test
  void faultsHitOnlyTheirPrefixAndRequestsAreCounted() throws IOException {
    simulator.resetCounts();
    simulator.faults().tooManyRequests("/apis/batch/v1/jobs", 3);
    simulator.faults().truncatedJson("/apis/apps/v1/daemonsets");
    simulator.faults().status("/apis/apps/v1/statefulsets", 503);
    simulator.faults().invalidJson("/api/v1/persistentvolumes");
    try {
      HttpResponse<String> limited = checkmk.get("/apis/batch/v1/jobs");
      assertEquals(429, limited.statusCode());
      assertEquals("3", limited.headers().firstValue("Retry-After").orElseThrow());
      HttpResponse<String> truncated = checkmk.get("/apis/apps/v1/daemonsets");
      assertEquals(200, truncated.statusCode());
      assertThrows(
          RuntimeException.class,
          () ->
              JsonParser.parseString(truncated.body())
                  .getAsJsonObject()
                  .get("items")
                  .getAsJsonArray()
                  .size());
      assertEquals(503, checkmk.get("/apis/apps/v1/statefulsets").statusCode());
      HttpResponse<String> html = checkmk.get("/api/v1/persistentvolumes");
      assertEquals(200, html.statusCode());
      assertThrows(
          com.google.gson.JsonSyntaxException.class, () -> JsonParser.parseString(html.body()));
      assertEquals(200, checkmk.get("/apis/apps/v1/deployments").statusCode());
    } finally {
      simulator.faults().clear();
    }
    assertEquals(1, simulator.requests("/apis/batch/v1/jobs"));
    assertEquals(4, simulator.requests("/apis/"));
  }

  @Test
  void generatedClusterHasTheUnhealthyPods() throws IOException {
    JsonObject pods = json(checkmk.get("/api/v1/namespaces/default/pods"));
    Set<String> reasons = new HashSet<>();
    for (JsonElement p : pods.getAsJsonArray("items")) {
      JsonObject status = p.getAsJsonObject().getAsJsonObject("status");
      if (status.has("containerStatuses")) {
        JsonObject cs = status.getAsJsonArray("containerStatuses").get(0).getAsJsonObject();
        if (cs.getAsJsonObject("state").has("waiting")) {
          reasons.add(
              cs.getAsJsonObject("state").getAsJsonObject("waiting").get("reason").getAsString());
        }
        if (cs.getAsJsonObject("lastState").has("terminated")) {
          reasons.add(
              cs.getAsJsonObject("lastState")
                  .getAsJsonObject("terminated")
                  .get("reason")
                  .getAsString());
        }
      } else {
        reasons.add(status.get("phase").getAsString());
      }
    }
    assertEquals(Set.of("CrashLoopBackOff", "OOMKilled", "ImagePullBackOff", "Pending"), reasons);
  }

  @Test
  void generationIsDeterministicFromTheSeed() throws IOException {
    try (KubeSimulator other = KubeSimulator.start()) {
      GeneratedCluster.seed(
          other.store(),
          new GeneratedCluster.Spec(7, 20, 10, Instant.parse("2026-11-27T00:00:00Z")));
      String mine = admin.get("/api/v1/pods?limit=500").body();
      String theirs =
          new ApiClient(other.url(), other.caPem(), other.adminToken())
              .get("/api/v1/pods?limit=500")
              .body();
      assertEquals(
          JsonParser.parseString(mine).getAsJsonObject().get("items"),
          JsonParser.parseString(theirs).getAsJsonObject().get("items"));
    }
    try (KubeSimulator different = KubeSimulator.start()) {
      GeneratedCluster.seed(
          different.store(),
          new GeneratedCluster.Spec(8, 20, 10, Instant.parse("2026-11-27T00:00:00Z")));
      String theirs =
          new ApiClient(different.url(), different.caPem(), different.adminToken())
              .get("/api/v1/pods?limit=500")
              .body();
      assertNotEquals(admin.get("/api/v1/pods?limit=500").body(), theirs);
    }
  }

  @Test
  void kubeconfigNamesTheServerAndTheAdminToken(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    String text = Files.readString(simulator.writeKubeconfig(dir.resolve("kubeconfig")));
    assertTrue(text.contains("server: " + simulator.url()));
    assertTrue(text.contains("token: " + simulator.adminToken()));
  }

  private static void assertForbidden(HttpResponse<String> response, String message) {
    assertEquals(403, response.statusCode(), response.body());
    JsonObject status = json(response);
    assertEquals("Forbidden", status.get("reason").getAsString());
    assertEquals(message, status.get("message").getAsString());
  }

  static JsonObject json(HttpResponse<String> response) {
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
