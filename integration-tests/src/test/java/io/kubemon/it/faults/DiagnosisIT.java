package io.kubemon.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import io.kubemon.it.flow.AgentProcess;
import io.kubemon.it.flow.Repository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The right diagnosis (issue 18, class 5), through the agent process against {@link HostileApi}:
 * an answer that arrived whole but cannot be read is an unreadable answer ({@code invalid-json},
 * kind {@code unexpected-response}), never "connection failed"; an OutOfMemoryError that Gson's
 * tree parser caught and wrapped is memory exhausted ({@code out-of-memory} with the heap option),
 * never "invalid JSON".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiagnosisIT {
  private static final String TOKEN = "diagnosis-8c1e3a5f7b9d2e4f6a8c0b1d3e5f7a9b";
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

  @Test
  void aBrokenGzipBodyIsAnUnreadableAnswerNotAConnectionFailure() throws IOException {
    try (HostileApi api = new HostileApi()) {
      api.on("/api/v1/pods", e -> {
        e.getResponseHeaders().set("Content-Encoding", "gzip");
        return HostileApi.Reply.json("{\"kind\":\"PodList\",\"items\":[]} is not gzip");
      });
      AgentRun run = run(api, List.of(), "none");
      JsonObject pods = run.source("kube/pods");
      assertUnreadable(pods);
      assertTrue(pods.get("message").getAsString().startsWith("GET /api/v1/pods"),
          pods.toString());
      assertTrue(pods.get("message").getAsString().contains(": broken gzip body: "),
          pods.toString());
      assertEquals("ok", run.source("kube/nodes").get("state").getAsString());
    }
  }

  @Test
  void anItemTheMetricsReaderCannotUseIsAnUnreadableAnswer() throws IOException {
    try (HostileApi api = new HostileApi()) {
      api.on("/api/v1/nodes", e -> HostileApi.Reply.json(HostileApi.list("NodeList", NODE)))
          .on("/apis/metrics.k8s.io/v1beta1/nodes", e -> HostileApi.Reply.json(
              HostileApi.list("NodeMetricsList", "{\"metadata\":{\"name\":\"n1\"},\"usage\":5}")));
      AgentRun run = run(api, List.of(), "metrics-api");
      JsonObject nodes = run.source("metrics/nodes");
      assertUnreadable(nodes);
      assertTrue(nodes.get("message").getAsString().startsWith("GET /apis/metrics.k8s.io/v1beta1"
          + "/nodes: unreadable response at $.items["), nodes.toString());
      assertTrue(nodes.get("message").getAsString().contains("unreadable item in items[]"),
          nodes.toString());
    }
  }

  /**
   * A kubelet summary far larger than a 64 MiB heap, gzipped small: Gson's tree parser catches
   * the OutOfMemoryError and throws JsonParseException, which used to read "invalid JSON".
   */
  @Test
  void memoryExhaustedInGsonsTreeParserIsMemoryNotInvalidJson() throws IOException {
    byte[] summary = gzip("{\"node\":{\"nodeName\":\"n1\",\"huge\":[", "0,", 40_000_000, "0]}}");
    try (HostileApi api = new HostileApi()) {
      api.on("/api/v1/nodes", e -> HostileApi.Reply.json(HostileApi.list("NodeList", NODE)))
          .on("/api/v1/nodes/n1/proxy/stats/summary", e -> {
            e.getResponseHeaders().set("Content-Encoding", "gzip");
            return new HostileApi.Reply(200, "application/json", summary);
          });
      AgentRun run = run(api, List.of("-Xmx64m", "-XX:+UseSerialGC"), "kubelet");
      JsonObject kubelet = run.source("kubelet/stats-summary:n1");
      assertEquals("failed", kubelet.get("state").getAsString(), kubelet.toString());
      assertEquals("out-of-memory", kubelet.get("anchor").getAsString(), kubelet.toString());
      assertEquals("limit", kubelet.get("kind").getAsString(), kubelet.toString());
      assertTrue(kubelet.get("message").getAsString().contains("memory exhausted while reading"),
          kubelet.toString());
      assertTrue(kubelet.get("hint").getAsString().contains("--max-objects"), kubelet.toString());
      assertFalse(kubelet.toString().toLowerCase().contains("invalid json"), kubelet.toString());
      assertEquals("ok", run.source("kube/nodes").get("state").getAsString());
    }
  }

  private static void assertUnreadable(JsonObject source) {
    assertEquals("failed", source.get("state").getAsString(), source.toString());
    assertEquals("invalid-json", source.get("anchor").getAsString(), source.toString());
    assertEquals("unexpected-response", source.get("kind").getAsString(), source.toString());
    assertFalse(source.get("message").getAsString().contains("connection"), source.toString());
  }

  /** {@code head}, {@code times} × {@code unit}, {@code tail}, gzipped at best compression. */
  private static byte[] gzip(String head, String unit, int times, String tail) {
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    byte[] block = unit.repeat(4096).getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = new GZIPOutputStream(packed, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      out.write(head.getBytes(StandardCharsets.UTF_8));
      for (int done = 0; done < times; done += 4096) {
        out.write(block);
      }
      out.write(tail.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return packed.toByteArray();
  }

  /** The agent jar run with {@code jvm} options, as the wrapper would with its heap setting. */
  private AgentRun run(HostileApi api, List<String> jvm, String usage) throws IOException {
    Path ca = Files.writeString(Files.createTempFile(work, "ca", ".crt"), api.caPem());
    Path dir = Files.createTempDirectory(work, "run");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvm);
    command.addAll(List.of("-jar", repository.agentJar().toString()));
    command.addAll(
        List.of(
            "--cluster-name", "diagnosis",
            "--api-server-url", api.url().toString(),
            "--token-file", tokenFile.toString(),
            "--ca-file", ca.toString(),
            "--deadline", "30",
            "--proxy", "NO_PROXY",
            "--usage-sources", usage));
    Path out = dir.resolve("agent.out");
    Path err = dir.resolve("agent.err");
    Process process = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("the agent did not finish within 120 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted", e);
    }
    AgentProcess.Result result =
        new AgentProcess.Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8),
            command);
    return AgentRun.check(result).tokenAbsent(TOKEN);
  }
}
