package io.kubemon.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubemon.it.flow.AgentProcess;
import io.kubemon.it.flow.Repository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing a server sends makes the run unbounded (issue 18, class 2): one test per bound of
 * docs/agent-cli.md ("Bounds"), each through the agent process against {@link HostileApi}. The
 * tests count requests and bytes, and read the deadline off the agent's own clock (its status
 * section), never off the test's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundsIT {
  private static final String TOKEN = "bounds-8e1f3a5c7b9d2e4f6a8c0b1d3e5f7a9c";
  private static final String PODS = "/api/v1/pods";
  private static final String NODE =
      "{\"metadata\":{\"name\":\"n1\"},\"status\":{\"conditions\":"
          + "[{\"type\":\"Ready\",\"status\":\"True\"}]}}";

  private final Repository repository = Repository.locate();
  private Path tokenFile;
  @TempDir static Path work;

  @BeforeAll
  void setUp() throws IOException {
    AgentProcess agent = new AgentProcess(repository);
    assumeTrue(agent.missing() == null, agent.missing());
    tokenFile = AgentProcess.writeToken(work.resolve("token"), TOKEN);
  }

  private static String pod(int i, String extra) {
    return "{\"metadata\":{\"name\":\"p" + i + "\",\"namespace\":\"default\"" + extra
        + "},\"spec\":{\"nodeName\":\"n1\"}}";
  }

  private static String pods(int from, int to) {
    StringBuilder items = new StringBuilder();
    for (int i = from; i < to; i++) {
      items.append(i == from ? "" : ",").append(pod(i, ""));
    }
    return items.toString();
  }

  /** A pod list page with {@code continueToken} (null: the last page). */
  private static String page(String continueToken, String items) {
    String meta = continueToken == null ? "{}" : "{\"continue\":\"" + continueToken + "\"}";
    return "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":" + meta + ",\"items\":["
        + items + "]}";
  }

  private static HostileApi withNode(HostileApi api) {
    return api.on("/api/v1/nodes", e -> HostileApi.Reply.json(HostileApi.list("NodeList", NODE)));
  }

  @Test
  void objectsPerList() throws IOException {
    try (HostileApi api = withNode(new HostileApi())) {
      api.on(PODS, e -> HostileApi.Reply.json(page(null, pods(0, 150))));
      AgentRun run = run(api, "--max-objects", "100");
      JsonObject pods = failed(run, "kube/pods", "limit-reached");
      assertTrue(pods.get("message").getAsString().contains("more than 100 objects"), pods + "");
      assertTrue(pods.get("hint").getAsString().contains("--max-objects"), pods + "");
      assertEquals("ok", run.source("kube/nodes").get("state").getAsString());
    }
  }

  /** The review's server repeated one continue token 1,510 times; now the list ends at once. */
  @Test
  void aRepeatedContinueTokenEndsTheListAtOnce() throws IOException {
    try (HostileApi api = withNode(new HostileApi())) {
      api.on(PODS, e -> HostileApi.Reply.json(page("same", pods(0, 2))));
      AgentRun run = run(api);
      failed(run, "kube/pods", "repeated-continue");
      // page 1, page 2 and at most the page after it, asked for ahead
      assertTrue(api.requests(PODS) <= 3, api.requests(PODS) + " requests for the pods");
    }
  }

  @Test
  void pagesPerList() throws IOException {
    AtomicInteger pages = new AtomicInteger();
    try (HostileApi api = withNode(new HostileApi())) {
      api.on(PODS, e -> {
        int n = pages.incrementAndGet();
        return HostileApi.Reply.json(page("t" + n, pods(n * 2, n * 2 + 2)));
      });
      AgentRun run = run(api, "--max-pages", "5");
      JsonObject pods = failed(run, "kube/pods", "limit-reached");
      assertTrue(pods.get("message").getAsString().contains("more than 5 pages"), pods + "");
      assertTrue(api.requests(PODS) <= 6, api.requests(PODS) + " requests for the pods");
    }
  }

  @Test
  void bytesPerResponse() throws IOException {
    String pad = "x".repeat(60);
    StringBuilder items = new StringBuilder();
    for (int i = 0; items.length() < 2 << 20; i++) {
      items.append(i == 0 ? "" : ",")
          .append(pod(i, ",\"labels\":{\"l\":\"" + pad + "\"}"));
    }
    byte[] body = page(null, items.toString()).getBytes(StandardCharsets.UTF_8);
    try (HostileApi api = withNode(new HostileApi())) {
      api.on(PODS, e -> new HostileApi.Reply(200, "application/json", body));
      AgentRun run = run(api, "--max-response-mib", "1");
      JsonObject pods = failed(run, "kube/pods", "body-too-large");
      assertTrue(pods.get("message").getAsString().contains("exceeds 1 MiB"), pods + "");
      assertTrue(pods.get("hint").getAsString().contains("--max-response-mib"), pods + "");
      assertEquals("ok", run.source("kube/nodes").get("state").getAsString());
    }
  }

  /** The review's 200 MiB pod name gave 419 MB of output; a string is now cut where written. */
  @Test
  void lengthOfAnyStringWritten() throws IOException {
    String huge = "v".repeat(1 << 20);
    try (HostileApi api = withNode(new HostileApi())) {
      api.on(PODS, e -> HostileApi.Reply.json(
          page(null, pod(1, ",\"labels\":{\"app\":\"" + huge + "\"}"))));
      AgentRun run = run(api, "--max-string-chars", "1000");
      assertEquals("ok", run.source("kube/pods").get("state").getAsString());
      JsonObject labels =
          run.output.hosts().entrySet().stream()
              .filter(h -> h.getKey().startsWith("pod_") && h.getKey().endsWith("p1"))
              .map(h -> h.getValue().get("kubemon_object_labels_v3"))
              .findFirst()
              .orElse(null);
      assertNotNull(labels, "no labels of pod p1 in " + run.output.hosts().keySet());
      assertEquals("v".repeat(1000) + "…[truncated]",
          labels.getAsJsonObject("labels").get("app").getAsString());
      assertTrue(run.result.stdout().length() < 200_000,
          "output of " + run.result.stdout().length() + " characters");
    }
  }

  @Test
  void totalOutputBytes() throws IOException {
    try (HostileApi api = withNode(new HostileApi())) {
      api.on(PODS, e -> HostileApi.Reply.json(page(null, pods(0, 10_000))));
      AgentRun run = run(api, "--max-output-mib", "1");
      JsonObject size = failed(run, "output/size", "limit-reached");
      assertTrue(size.get("hint").getAsString().contains("--max-output-mib"), size + "");
      String out = run.result.stdout();
      int status = out.lastIndexOf("<<<<>>>>\n<<<" + AgentRun.STATUS);
      assertTrue(status > 0, "no status block at the end");
      assertTrue(out.substring(0, status).getBytes(StandardCharsets.UTF_8).length <= 1 << 20,
          "more than 1 MiB before the status section");
      assertEquals("ok", run.source("kube/pods").get("state").getAsString());
    }
  }

  /**
   * The deadline bounds writing too: the pods come at once, the namespaces never, so reading ends
   * at the deadline (8 s) with 60,000 pods to write. The agent's own clock says it ended within the
   * deadline plus one second, and every pod host is either written or counted in output/deadline.
   */
  @Test
  void theDeadlineBoundsTheWholeRunWritingIncluded() throws IOException {
    int count = 60_000;
    byte[] body = page(null, pods(0, count)).getBytes(StandardCharsets.UTF_8);
    try (HostileApi api = withNode(new HostileApi())) {
      api.on(PODS, e -> new HostileApi.Reply(200, "application/json", body))
          .on("/api/v1/namespaces", e -> {
            try {
              Thread.sleep(120_000);
            } catch (InterruptedException stopped) {
              Thread.currentThread().interrupt();
            }
            return HostileApi.Reply.json(HostileApi.list("NamespaceList", ""));
          });
      AgentRun run = run(api, "--deadline", "8", "--read-timeout", "30");
      JsonObject status = run.output.section("", AgentRun.STATUS);
      assertTrue(status.get("deadline_hit").getAsBoolean(), status.toString());
      double elapsed = status.get("elapsed_s").getAsDouble();
      assertTrue(elapsed <= status.get("deadline_s").getAsDouble() + 1,
          "the agent's own clock: " + elapsed + " s");
      failed(run, "kube/namespaces", "deadline-reached");
      assumeTrue(run.source("kube/pods").get("state").getAsString().equals("ok"),
          "the machine is too loaded to read 60,000 pods within 8 s: "
              + run.source("kube/pods"));
      long written = run.output.hosts().keySet().stream().filter(h -> h.startsWith("pod_")).count();
      int leftOut = 0;
      for (JsonElement e : status.getAsJsonArray("sources")) {
        JsonObject s = e.getAsJsonObject();
        if (s.get("source").getAsString().equals("output/deadline")) {
          assertEquals("deadline-reached", s.get("anchor").getAsString());
          leftOut = Integer.parseInt(s.get("message").getAsString().split(" ")[0]);
        }
      }
      assertTrue(written + leftOut >= count,
          written + " pod hosts written, " + leftOut + " counted as left out, of " + count);
      System.out.println("bounds: deadline 8 s, " + written + " of " + count
          + " pod hosts written, " + leftOut + " objects left out, agent clock " + elapsed + " s");
    }
  }

  private JsonObject failed(AgentRun run, String source, String anchor) {
    JsonObject entry = run.source(source);
    assertEquals("failed", entry.get("state").getAsString(), entry.toString());
    assertEquals(anchor, entry.get("anchor").getAsString(), entry.toString());
    Troubleshooting.load(repository).entry(anchor);
    return entry;
  }

  private AgentRun run(HostileApi api, String... extra) throws IOException {
    Path ca = Files.writeString(Files.createTempFile(work, "ca", ".crt"), api.caPem());
    Path dir = Files.createTempDirectory(work, "run");
    List<String> args = new ArrayList<>(List.of(
        "--cluster-name", "bounds",
        "--api-server-url", api.url().toString(),
        "--token-file", tokenFile.toString(),
        "--ca-file", ca.toString(),
        "--proxy", "NO_PROXY",
        "--usage-sources", "none"));
    if (!List.of(extra).contains("--deadline")) {
      args.addAll(List.of("--deadline", "30"));
    }
    args.addAll(List.of(extra));
    AgentProcess.Result result = new AgentProcess(repository).run(args, dir);
    assertFalse(result.stdout().isEmpty(), "no output; stderr: " + result.stderr());
    return AgentRun.check(result).tokenAbsent(TOKEN);
  }
}
