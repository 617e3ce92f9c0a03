package io.kubemon.it.sim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubemon.it.sim.cluster.GeneratedCluster;
import io.kubemon.it.sim.cluster.Json;
import io.kubemon.it.sim.cluster.Resource;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A kubelet's /healthz through the node proxy (the agent's --kubelet-health): "ok" from a Ready
 * node, the API server's 503 for a kubelet it cannot reach, 403 without nodes/proxy.
 */
class KubeletHealthzTest {
  private static final String SA = "system:serviceaccount:check-mk:check-mk";
  private KubeSimulator simulator;
  private GeneratedCluster cluster;
  private ApiClient admin;

  @BeforeEach
  void start() throws IOException {
    simulator = KubeSimulator.start();
    cluster = GeneratedCluster.seed(simulator.store(),
        new GeneratedCluster.Spec(3, 1, 2, Instant.parse("2026-11-27T00:00:00Z")));
    admin = new ApiClient(simulator.url(), simulator.caPem(), simulator.adminToken());
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private static String path(String node) {
    return "/api/v1/nodes/" + node + "/proxy/healthz";
  }

  private ApiClient checkmk() throws IOException {
    JsonObject secret = SimulatorTest.json(
        admin.get("/api/v1/namespaces/check-mk/secrets/check-mk-token"));
    String token = SimulatorTest.decode(secret.getAsJsonObject("data").get("token").getAsString());
    return new ApiClient(simulator.url(), simulator.caPem(), token);
  }

  @Test
  void aReadyNodesKubeletAnswersOk() throws IOException {
    HttpResponse<String> response = admin.get(path(cluster.nodeName(0)));
    assertEquals(200, response.statusCode());
    assertEquals("ok", response.body());
  }

  @Test
  void aKubeletThatStoppedPostingIsUnreachableThroughTheProxy() throws IOException {
    simulator.store().put(Resource.NODES, Json.of(
        "metadata", Json.of("name", "down"),
        "status", Json.of(
            "conditions", Json.array(Json.of("type", "Ready", "status", "Unknown")),
            "addresses", Json.array(Json.of("type", "InternalIP", "address", "10.9.0.7")))));
    HttpResponse<String> response = admin.get(path("down"));
    assertEquals(503, response.statusCode());
    assertEquals("error trying to reach service: dial tcp 10.9.0.7:10250: connect: connection"
        + " refused", JsonParser.parseString(response.body()).getAsJsonObject()
            .get("message").getAsString());
    assertEquals(404, admin.get(path("no-such-node")).statusCode());
  }

  @Test
  void onlyTheKubeletRbacFileGrantsIt() throws IOException {
    simulator.apply(TestPaths.manifest("check_mk_rbac.yaml"));
    String node = cluster.nodeName(0);
    HttpResponse<String> forbidden = checkmk().get(path(node));
    assertEquals(403, forbidden.statusCode());
    assertEquals("nodes \"" + node + "\" is forbidden: User \"" + SA + "\" cannot get resource"
        + " \"nodes/proxy\" in API group \"\" at the cluster scope",
        SimulatorTest.json(forbidden).get("message").getAsString());
    simulator.apply(TestPaths.manifest("check_mk_kubelet_rbac.yaml"));
    assertEquals(200, checkmk().get(path(node)).statusCode());
  }
}
