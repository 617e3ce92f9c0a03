package io.kubemon.it.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubemon.it.sim.cluster.GeneratedCluster;
import io.kubemon.it.sim.server.ApiClient;
import io.kubemon.it.sim.server.KubeSimulator;
import io.kubemon.it.sim.server.TestPaths;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limited identity the flow uses lacks exactly the resource taken out. */
class LimitedRbacTest {
  @Test
  void lacksCronjobsAndKeepsEverythingElse(@TempDir Path dir) throws Exception {
    try (KubeSimulator simulator = KubeSimulator.start()) {
      GeneratedCluster.seed(simulator.store(), new GeneratedCluster.Spec(1, 1, 12, Instant.now()));
      simulator.apply(TestPaths.manifest("check_mk_rbac.yaml"));
      simulator.apply(LimitedRbac.write(TestPaths.manifest("check_mk_rbac.yaml"), "cronjobs", dir));
      ApiClient admin = new ApiClient(simulator.url(), simulator.caPem(), simulator.adminToken());
      String body =
          admin.get("/api/v1/namespaces/check-mk/secrets/" + LimitedRbac.ACCOUNT + "-token").body();
      String token =
          decode(
              com.google.gson.JsonParser.parseString(body)
                  .getAsJsonObject()
                  .getAsJsonObject("data")
                  .get("token")
                  .getAsString());
      ApiClient limited = new ApiClient(simulator.url(), simulator.caPem(), token);
      assertEquals(403, limited.get("/apis/batch/v1/cronjobs").statusCode());
      assertEquals(200, limited.get("/apis/batch/v1/jobs").statusCode());
      assertEquals(200, limited.get("/api/v1/pods").statusCode());
      assertEquals(200, limited.get("/version").statusCode());
      // The proxy Role is copied too: no Prometheus here, so 503 rather than 403.
      assertEquals(
          503,
          limited
              .get(
                  "/api/v1/namespaces/check-mk/services/https:prometheus:9090/proxy/api/v1/query?query=up")
              .statusCode());
    }
  }

  private static String decode(String base64) {
    return new String(
        java.util.Base64.getDecoder().decode(base64), java.nio.charset.StandardCharsets.UTF_8);
  }
}
