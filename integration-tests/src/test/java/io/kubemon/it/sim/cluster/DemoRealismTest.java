package io.kubemon.it.sim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The generated cluster says what Kubernetes would say, so the demo shows no false alarm:
 * completed pods as the kubelet reports them, one template per owner, usage the kernel allows,
 * and quotas that count the namespace's pods.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoRealismTest {
  private final List<JsonObject> pods = new ArrayList<>();
  private final List<JsonObject> quotas = new ArrayList<>();

  @BeforeAll
  void generate() {
    ClusterStore store = new ClusterStore("-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n");
    GeneratedCluster.seed(store, new GeneratedCluster.Spec(2026, 4, 30, Instant.now()));
    store.forEach(Resource.PODS, pods::add);
    store.forEach(Resource.byPlural("", "resourcequotas").orElseThrow(), quotas::add);
  }

  @Test
  void completedPodsAreReportedAsTheKubeletReportsThem() {
    int completed = 0;
    for (JsonObject pod : pods) {
      if (!"Succeeded".equals(pod.getAsJsonObject("status").get("phase").getAsString())) {
        continue;
      }
      completed++;
      for (JsonElement c : pod.getAsJsonObject("status").getAsJsonArray("conditions")) {
        JsonObject condition = c.getAsJsonObject();
        String type = condition.get("type").getAsString();
        if (List.of("Initialized", "Ready", "ContainersReady").contains(type)) {
          assertEquals("PodCompleted", condition.get("reason").getAsString(), Json.name(pod));
        }
        if (type.equals("PodReadyToStartContainers")) {
          assertEquals("False", condition.get("status").getAsString(), "no sandbox after completion");
        }
      }
    }
    assertTrue(completed > 0, "no completed pod generated");
  }

  @Test
  void podsOfOneOwnerRequestTheSame() {
    Map<String, String> byOwner = new HashMap<>();
    int shared = 0;
    for (JsonObject pod : pods) {
      JsonObject owner =
          pod.getAsJsonObject("metadata").getAsJsonArray("ownerReferences").get(0).getAsJsonObject();
      String key = Json.namespace(pod) + "/" + owner.get("kind").getAsString() + "/"
          + owner.get("name").getAsString();
      String resources = pod.getAsJsonObject("spec").getAsJsonArray("containers").toString();
      String before = byOwner.putIfAbsent(key, resources);
      if (before != null) {
        shared++;
        assertEquals(before, resources, "pods of " + key + " differ");
      }
    }
    assertTrue(shared > 10, "owners with several pods: " + shared);
  }

  @Test
  void usageStaysWithinLimitsButForThePlantedOomKill() {
    int limited = 0;
    int over = 0;
    for (JsonObject pod : pods) {
      for (JsonElement c : pod.getAsJsonObject("spec").getAsJsonArray("containers")) {
        JsonObject container = c.getAsJsonObject();
        JsonObject resources = container.getAsJsonObject("resources");
        JsonObject limits = resources == null ? null : resources.getAsJsonObject("limits");
        if (limits == null || !limits.has("memory")) {
          continue;
        }
        limited++;
        String name = container.get("name").getAsString();
        double limit = Usage.quantity(limits.get("memory").getAsString());
        if (Usage.memoryBytes(pod, name) > limit) {
          over++;
          assertTrue(pod.toString().contains("OOMKilled"), Json.name(pod) + " over its limit");
        }
        if (limits.has("cpu")) {
          assertTrue(Usage.cpuCores(pod, name) <= Usage.quantity(limits.get("cpu").getAsString()));
        }
      }
    }
    assertTrue(limited > 10, "containers with a memory limit: " + limited);
    assertEquals(1, over, "exactly the planted OOM-killed container goes over its limit");
  }

  @Test
  void quotaUsedIsTheSumOverTheNamespacesLivePods() {
    assertFalse(quotas.isEmpty());
    for (JsonObject quota : quotas) {
      String namespace = Json.namespace(quota);
      double[] sums = new double[4];
      int live = 0;
      for (JsonObject pod : pods) {
        String phase = pod.getAsJsonObject("status").get("phase").getAsString();
        if (!Json.namespace(pod).equals(namespace) || phase.equals("Succeeded")
            || phase.equals("Failed")) {
          continue;
        }
        live++;
        for (JsonElement c : pod.getAsJsonObject("spec").getAsJsonArray("containers")) {
          JsonObject r = c.getAsJsonObject().getAsJsonObject("resources");
          sums[0] += amount(r, "requests", "cpu");
          sums[1] += amount(r, "limits", "cpu");
          sums[2] += amount(r, "requests", "memory");
          sums[3] += amount(r, "limits", "memory");
        }
      }
      JsonObject used = quota.getAsJsonObject("status").getAsJsonObject("used");
      String[] keys = {"requests.cpu", "limits.cpu", "requests.memory", "limits.memory"};
      for (int k = 0; k < keys.length; k++) {
        assertEquals(sums[k], Usage.quantity(used.get(keys[k]).getAsString()), sums[k] * 1e-9,
            namespace + " " + keys[k]);
      }
      assertEquals(live, used.get("pods").getAsInt(), namespace + " pods");
    }
  }

  private static double amount(JsonObject resources, String group, String resource) {
    JsonObject g = resources == null ? null : resources.getAsJsonObject(group);
    return g == null || !g.has(resource) ? 0 : Usage.quantity(g.get(resource).getAsString());
  }
}
