package io.kubemon.agent.source.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubemon.agent.status.SourceLog;
import io.kubemon.agent.usage.FakeServer;
import io.kubemon.agent.usage.LoopbackJsonSource;
import io.kubemon.agent.usage.SharedFixtures;
import io.kubemon.agent.usage.UsageData;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class KubeletSourceTest {

  private static String summary() throws Exception {
    return Files.readString(SharedFixtures.require(SharedFixtures.MINIKUBE + "kubelet-stats-summary.json"));
  }

  /** The same summary as another node, with one pod mounting a claim. */
  private static String otherNode(String recorded) {
    JsonObject root = JsonParser.parseString(recorded).getAsJsonObject();
    root.getAsJsonObject("node").addProperty("nodeName", "slow");
    JsonObject pod = root.getAsJsonArray("pods").get(0).getAsJsonObject();
    JsonObject volume = JsonParser.parseString("{\"name\":\"data\",\"usedBytes\":5,\"capacityBytes\":20,"
        + "\"availableBytes\":15,\"pvcRef\":{\"name\":\"data-0\",\"namespace\":\"x\"}}").getAsJsonObject();
    pod.getAsJsonObject("podRef").addProperty("namespace", "x");
    if (!pod.has("volume")) {
      pod.add("volume", new JsonArray());
    }
    pod.getAsJsonArray("volume").add(volume);
    return root.toString();
  }

  @Test
  void summaryFieldsMapToUsage() throws Exception {
    String recorded = summary();
    JsonObject expected = JsonParser.parseString(recorded).getAsJsonObject();
    try (FakeServer server = new FakeServer()) {
      server.json(KubeletSource.path("datagen-1-35"), recorded);
      UsageData d = new KubeletSource(new LoopbackJsonSource(server.base()), 2, new SourceLog())
          .usage(List.of("datagen-1-35"), Instant.now().plusSeconds(10));
      JsonObject node = expected.getAsJsonObject("node");
      Map<String, Double> n = d.findNode("datagen-1-35").orElseThrow();
      assertEquals(node.getAsJsonObject("cpu").get("usageNanoCores").getAsDouble() / 1e9, n.get(UsageData.CPU));
      assertEquals(node.getAsJsonObject("fs").get("usedBytes").getAsDouble(), n.get(UsageData.FS_USED));
      assertFalse(n.containsKey(UsageData.RX), "cumulative counters are no rates");
      assertEquals(expected.getAsJsonArray("pods").size(), d.pods().size());
      for (JsonElement p : expected.getAsJsonArray("pods")) {
        JsonObject ref = p.getAsJsonObject().getAsJsonObject("podRef");
        JsonElement ws = p.getAsJsonObject().getAsJsonObject("memory").get("workingSetBytes");
        assertEquals(ws.getAsDouble(), d.findPod(ref.get("namespace").getAsString(),
            ref.get("name").getAsString()).orElseThrow().fields().get(UsageData.MEMORY));
      }
    }
  }

  @Test
  void aNodeMissingTheDeadlineCostsOnlyItsOwnData() throws Exception {
    String recorded = summary();
    // The slow kubelet answers only when the test lets it (or after a minute): no clock to race.
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean slowAnswered = new AtomicBoolean();
    try (FakeServer server = new FakeServer()) {
      server.json(KubeletSource.path("datagen-1-35"), recorded);
      String slow = otherNode(recorded);
      server.route(KubeletSource.path("slow"), x -> {
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        slowAnswered.set(true);
        return new FakeServer.Answer(200, slow);
      });
      SourceLog log = new SourceLog();
      UsageData d;
      try {
        d = new KubeletSource(new LoopbackJsonSource(server.base()), 2, log)
            .usage(List.of("slow", "datagen-1-35"), Instant.now().plusSeconds(3));
        assertFalse(slowAnswered.get(), "usage() waited for the slow node's answer");
      } finally {
        release.countDown();
      }
      assertTrue(d.findNode("datagen-1-35").isPresent());
      assertFalse(d.findNode("slow").isPresent());
      SourceLog.Entry failed = log.entries().stream()
          .filter(e -> e.source().equals("kubelet/stats-summary:slow")).findFirst().orElseThrow();
      assertEquals("node slow's kubelet did not answer before the run's deadline", failed.message());
    }
  }

  @Test
  void claimsComeFromPvcRefs() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.json(KubeletSource.path("slow"), otherNode(summary()));
      UsageData d = new KubeletSource(new LoopbackJsonSource(server.base()), 1, new SourceLog())
          .usage(List.of("slow"), Instant.now().plusSeconds(10));
      Map<String, Double> claim = d.findClaim("x", "data-0").orElseThrow();
      assertEquals(5.0, claim.get(UsageData.USED));
      assertEquals(20.0, claim.get(UsageData.CAPACITY));
      assertEquals(15.0, claim.get(UsageData.AVAILABLE));
    }
  }
}
