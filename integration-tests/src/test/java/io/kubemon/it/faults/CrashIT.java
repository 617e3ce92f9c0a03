package io.kubemon.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import io.kubemon.it.flow.AgentProcess;
import io.kubemon.it.flow.Repository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One odd answer never ends the run (issue 18, class 1): each crash the review found, reproduced
 * through the agent process against {@link HostileApi}. The run must exit 0, print its status
 * section with the failure, and still write what the other sources gave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashIT {
  private static final String TOKEN = "crash-3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c1e";
  private static final String NODE =
      "{\"metadata\":{\"name\":\"n1\"},\"status\":{\"conditions\":"
          + "[{\"type\":\"Ready\",\"status\":\"True\"}]}}";
  private static final String FORBIDDEN =
      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\","
          + "\"code\":403}";

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
  void aNamespaceWithoutANameWhilePodsAreForbidden() throws IOException {
    try (HostileApi api = new HostileApi()) {
      api.on("/api/v1/nodes", e -> HostileApi.Reply.json(HostileApi.list("NodeList", NODE)))
          .on(
              "/api/v1/namespaces",
              e ->
                  HostileApi.Reply.json(
                      HostileApi.list(
                          "NamespaceList",
                          "{\"metadata\":{\"uid\":\"1\"}},{\"metadata\":{\"name\":\"ok\"}}")))
          .on(
              "/api/v1/pods",
              e ->
                  new HostileApi.Reply(
                      403, "application/json", FORBIDDEN.getBytes(StandardCharsets.UTF_8)));
      AgentRun run = run(api, List.of());
      assertEquals("failed", run.source("kube/pods").get("state").getAsString());
      assertEquals("ok", run.source("kube/namespaces").get("state").getAsString());
      assertNodeHost(run);
      assertTrue(
          run.output.hosts().keySet().stream().anyMatch(h -> h.contains("ok")),
          "the named namespace's host: " + run.output.hosts().keySet());
    }
  }

  @Test
  void aHugeMinorInGitVersion() throws IOException {
    try (HostileApi api = new HostileApi()) {
      api.on(
          "/version",
          e -> HostileApi.Reply.json("{\"gitVersion\":\"v1.99999999999999999999999999.0\"}"));
      AgentRun run = run(api, List.of());
      JsonObject info = run.output.section("", "kubemon_cluster_info_v1");
      assertNotNull(info, "kubemon_cluster_info_v1");
      assertTrue(info.get("minor").isJsonNull(), info.toString());
      assertFalse(info.get("supported").getAsBoolean(), info.toString());
      assertEquals("ok", run.source("kube/nodes").get("state").getAsString());
    }
  }

  /**
   * An OutOfMemoryError while reading the pod list: the JVM gets a small heap, the server a pod
   * list far larger than it. The list fails as out of memory; the rest is written.
   */
  @Test
  void anOutOfMemoryErrorInAListThread() throws IOException {
    StringBuilder pods = new StringBuilder(80 << 20);
    String pad = "x".repeat(200);
    for (int i = 0; i < 200_000; i++) {
      pods.append(i == 0 ? "" : ",")
          .append("{\"metadata\":{\"name\":\"p")
          .append(i)
          .append("\",\"namespace\":\"default\",\"labels\":{\"l")
          .append(i)
          .append("\":\"")
          .append(pad)
          .append(i)
          .append("\"}},\"spec\":{\"nodeName\":\"n1\"}}");
    }
    byte[] body = HostileApi.list("PodList", pods.toString()).getBytes(StandardCharsets.UTF_8);
    pods = null;
    try (HostileApi api = new HostileApi()) {
      api.on("/api/v1/nodes", e -> HostileApi.Reply.json(HostileApi.list("NodeList", NODE)))
          .on("/api/v1/pods", e -> new HostileApi.Reply(200, "application/json", body));
      AgentRun run = run(api, List.of("-Xmx48m", "-XX:+UseSerialGC"));
      JsonObject failed = run.source("kube/pods");
      assertEquals("failed", failed.get("state").getAsString(), failed.toString());
      assertEquals("out-of-memory", failed.get("anchor").getAsString(), failed.toString());
      Troubleshooting.load(repository).entry("out-of-memory");
      assertNodeHost(run);
    }
  }

  /** The node n1's host with its info section: the other sources came through. */
  private static void assertNodeHost(AgentRun run) {
    assertTrue(
        run.output.hosts().entrySet().stream()
            .anyMatch(
                h ->
                    h.getKey().startsWith("node_")
                        && h.getKey().endsWith("n1")
                        && h.getValue().containsKey("kubemon_node_info_v1")),
        "no host of node n1 in " + run.output.hosts().keySet());
  }

  /** The agent jar run with {@code jvm} options, as the wrapper would with its heap setting. */
  private AgentRun run(HostileApi api, List<String> jvm) throws IOException {
    Path ca = Files.writeString(Files.createTempFile(work, "ca", ".crt"), api.caPem());
    Path dir = Files.createTempDirectory(work, "run");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvm);
    command.addAll(List.of("-jar", repository.agentJar().toString()));
    command.addAll(
        List.of(
            "--cluster-name", "crash",
            "--api-server-url", api.url().toString(),
            "--token-file", tokenFile.toString(),
            "--ca-file", ca.toString(),
            "--deadline", "30",
            "--proxy", "NO_PROXY",
            "--usage-sources", "none"));
    Path out = dir.resolve("agent.out");
    Path err = dir.resolve("agent.err");
    Process process =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
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
