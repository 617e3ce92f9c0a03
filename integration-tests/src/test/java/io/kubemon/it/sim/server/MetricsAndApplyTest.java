package io.kubemon.it.sim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubemon.it.sim.cluster.GeneratedCluster;
import io.kubemon.it.sim.cluster.Usage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applying manifests of any kind, the aggregated metrics APIs, health, and the stall fault. */
class MetricsAndApplyTest {
  private KubeSimulator simulator;
  private ApiClient admin;

  @BeforeEach
  void start() throws IOException {
    simulator = KubeSimulator.start();
    GeneratedCluster.seed(
        simulator.store(),
        new GeneratedCluster.Spec(1, 2, 6, Instant.parse("2026-11-27T00:00:00Z")));
    admin = new ApiClient(simulator.url(), simulator.caPem(), simulator.adminToken());
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private void applyStack() throws IOException, URISyntaxException {
    simulator.apply(Path.of(getClass().getResource("/sim/adapter-and-operator.yaml").toURI()));
  }

  @Test
  void customMetricsExistOnlyOnceTheAdapterIsRegistered() throws Exception {
    assertEquals(404, admin.get("/apis/custom.metrics.k8s.io/v1beta1").statusCode());
    applyStack();
    JsonObject discovery = json(admin.get("/apis/custom.metrics.k8s.io/v1beta1"));
    assertEquals("APIResourceList", discovery.get("kind").getAsString());
    JsonObject apiService =
        json(
            admin.get("/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.custom.metrics.k8s.io"));
    JsonObject available =
        apiService.getAsJsonObject("status").getAsJsonArray("conditions").get(0).getAsJsonObject();
    assertEquals("Available", available.get("type").getAsString());
    assertEquals("True", available.get("status").getAsString());
  }

  @Test
  void customMetricValuesAreQuantitiesOfTheRunningPods() throws Exception {
    applyStack();
    JsonObject list =
        json(
            admin.get(
                "/apis/custom.metrics.k8s.io/v1beta1/namespaces/kube-system/pods/*/kubemon_cpu_usage_cores"));
    assertEquals("MetricValueList", list.get("kind").getAsString());
    JsonArray items = list.getAsJsonArray("items");
    assertEquals(2, items.size(), "one node-agent pod per node");
    for (JsonElement e : items) {
      JsonObject item = e.getAsJsonObject();
      String pod = item.getAsJsonObject("describedObject").get("name").getAsString();
      double cores = Usage.cpuCores("kube-system", pod, "agent");
      assertEquals(MetricsApi.cpuQuantity(cores), item.get("value").getAsString());
      assertTrue(item.get("value").getAsString().matches("\\d+m|\\d+"));
    }
    assertEquals(
        404,
        admin
            .get("/apis/custom.metrics.k8s.io/v1beta1/namespaces/kube-system/pods/*/no_such_metric")
            .statusCode());
  }

  /**
   * README's setup, then custom-metrics.yaml once more (an upgrade, a GitOps sync): the APIService
   * keeps the caBundle that {@code certs} wrote, because only its apiservice.yaml holds one.
   */
  @Test
  void reapplyingCustomMetricsKeepsTheCertsCaBundle(@TempDir Path dir) throws Exception {
    int code =
        io.kubemon.agent.tools.Tools.find("certs")
            .orElseThrow()
            .run(
                new String[] {"--out", dir.toString()},
                new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true),
                System.err);
    assertEquals(0, code);
    String caBundle =
        java.util.Base64.getEncoder()
            .encodeToString(Files.readString(dir.resolve("ca.crt")).getBytes());
    simulator.apply(TestPaths.manifest("check_mk_rbac.yaml"));
    simulator.apply(dir.resolve("tls-secrets.yaml"));
    simulator.apply(TestPaths.manifest("custom-metrics.yaml"));
    simulator.apply(dir.resolve("apiservice.yaml"));
    String path = "/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.custom.metrics.k8s.io";
    assertEquals(caBundle, json(admin.get(path)).getAsJsonObject("spec").get("caBundle").getAsString());
    simulator.apply(TestPaths.manifest("custom-metrics.yaml"));
    assertEquals(
        caBundle,
        json(admin.get(path)).getAsJsonObject("spec").get("caBundle").getAsString(),
        "custom-metrics.yaml reset the APIService's caBundle");
  }

  @Test
  void quantitiesLookLikeTheAdapters() {
    assertEquals("10500m", MetricsApi.cpuQuantity(10.5));
    assertEquals("2", MetricsApi.cpuQuantity(2.0));
    assertEquals("250000000n", MetricsApi.nanocores(0.25));
    assertEquals("1024Ki", MetricsApi.kibibytes(1 << 20));
  }

  @Test
  void metricsApiServesNodesAndRunningPods() throws IOException {
    JsonObject nodes = json(admin.get("/apis/metrics.k8s.io/v1beta1/nodes"));
    assertEquals("NodeMetricsList", nodes.get("kind").getAsString());
    assertEquals(2, nodes.getAsJsonArray("items").size());
    JsonObject pods = json(admin.get("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods"));
    // default holds the three unhealthy pods; only crashy is Running.
    assertEquals(1, pods.getAsJsonArray("items").size());
    String cpu =
        pods.getAsJsonArray("items")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("containers")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("usage")
            .get("cpu")
            .getAsString();
    assertTrue(cpu.endsWith("n"), cpu);
  }

  @Test
  void appliedDeploymentsBecomeReadyAndUnmodelledKindsAreStored() throws Exception {
    applyStack();
    JsonObject deployment =
        json(admin.get("/apis/apps/v1/namespaces/check-mk/deployments/prometheus-adapter"));
    assertEquals(2, deployment.getAsJsonObject("status").get("readyReplicas").getAsInt());
    JsonObject prometheus =
        json(admin.get("/apis/monitoring.coreos.com/v1/namespaces/check-mk/prometheuses/check-mk"));
    assertEquals("Prometheus", prometheus.get("kind").getAsString());
    JsonObject secret = json(admin.get("/api/v1/namespaces/check-mk/secrets/basic"));
    assertEquals(
        "plain text in, base64 out",
        SimulatorTest.decode(secret.getAsJsonObject("data").get("password").getAsString()));
  }

  @Test
  void aManifestWithoutANameIsRefusedWithOneLine(@TempDir Path dir) throws IOException {
    Path bad =
        Files.writeString(
            dir.resolve("bad.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n");
    IOException e = assertThrows(IOException.class, () -> simulator.apply(bad));
    assertTrue(
        e.getMessage().contains("every object needs apiVersion, kind and metadata.name"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
  }

  @Test
  void healthEndpointsAnswerLikeTheApiServer() throws IOException {
    assertEquals("ok", admin.get("/livez").body());
    String verbose = admin.get("/readyz?verbose").body();
    assertTrue(
        verbose.startsWith("[+]ping ok\n") && verbose.endsWith("readyz check passed"), verbose);
    assertEquals(
        "v1.33.4+kubemon-sim", json(admin.get("/version")).get("gitVersion").getAsString());
  }

  @Test
  void aStalledBodyTripsAClientReadTimeout() throws IOException {
    // A stall far longer than the read timeout: had it ended, the body would be complete and
    // readAllBytes would return, so the exception alone shows the read timeout ended the request.
    simulator.faults().stall("/api/v1/nodes", Duration.ofSeconds(30));
    javax.net.ssl.HttpsURLConnection connection =
        (javax.net.ssl.HttpsURLConnection)
            simulator.url().resolve("/api/v1/nodes").toURL().openConnection();
    connection.setSSLSocketFactory(ApiClient.trusting(simulator.caPem()).getSocketFactory());
    connection.setRequestProperty("Authorization", "Bearer " + simulator.adminToken());
    connection.setReadTimeout(800);
    assertEquals(200, connection.getResponseCode(), "headers arrive, then the body stalls");
    try (var body = connection.getInputStream()) {
      assertThrows(java.net.SocketTimeoutException.class, body::readAllBytes);
    }
  }

  private static JsonObject json(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }
}
