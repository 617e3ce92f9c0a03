package io.kubemon.it.sim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubemon.it.sim.cluster.RecordedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The simulator seeded from the real k3s recording serves it back, namespaces merged. */
class RecordedClusterTest {
  @Test
  void servesTheRecordedK3sCluster() throws IOException {
    Path recording = RecordedCluster.sharedDirectory().resolve(RecordedCluster.K3S);
    if (!Files.isDirectory(recording)) {
      System.out.println(
          "RecordedClusterTest skipped: no " + recording + " (../shared is not part of a clone)");
    }
    Assumptions.assumeTrue(Files.isDirectory(recording), "no " + recording);
    try (KubeSimulator simulator = KubeSimulator.start()) {
      RecordedCluster.seed(simulator.store(), recording);
      ApiClient admin = new ApiClient(simulator.url(), simulator.caPem(), simulator.adminToken());
      assertEquals(13, items(admin, "/api/v1/pods"), "6 pods in default + 7 in kube-system");
      assertEquals(6, items(admin, "/api/v1/namespaces/default/pods"));
      assertEquals(7, items(admin, "/apis/apps/v1/deployments"));
      JsonObject version = JsonParser.parseString(admin.get("/version").body()).getAsJsonObject();
      assertEquals("v1.33.4+k3s1", version.get("gitVersion").getAsString());
      JsonObject pod =
          JsonParser.parseString(
                  admin.get("/api/v1/namespaces/default/pods/backend-api-75fb46b7bd-xtkrh").body())
              .getAsJsonObject();
      assertEquals(
          "CrashLoopBackOff",
          pod.getAsJsonObject("status")
              .getAsJsonArray("containerStatuses")
              .get(0)
              .getAsJsonObject()
              .getAsJsonObject("state")
              .getAsJsonObject("waiting")
              .get("reason")
              .getAsString());
    }
  }

  private static int items(ApiClient client, String path) throws IOException {
    return JsonParser.parseString(client.get(path).body())
        .getAsJsonObject()
        .getAsJsonArray("items")
        .size();
  }
}
