package io.kubemon.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import io.kubemon.it.flow.AgentProcess;
import io.kubemon.it.flow.CheckRunner;
import io.kubemon.it.flow.Repository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Answers of the wrong shape and answers that echo the request (issue 18, classes 3 and 4),
 * through the agent process: a 200 that is no list of the requested kind fails its source with
 * "unexpected response" and a safe sample; a server echoing the request headers on every path
 * never gets the token into any output, and is "Not a Kubernetes API server" on "Kubernetes API".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileAnswersIT {
  private static final String CLUSTER = "hostile";
  private static final String TOKEN = "hostile-9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b";

  private final Repository repository = Repository.locate();
  private final Troubleshooting docs = Troubleshooting.load(repository);
  private Path tokenFile;
  @TempDir static Path work;

  @BeforeAll
  void setUp() throws IOException {
    AgentProcess agent = new AgentProcess(repository);
    assumeTrue(agent.missing() == null, agent.missing());
    tokenFile = AgentProcess.writeToken(work.resolve("token"), TOKEN);
  }

  @ParameterizedTest(name = "pods answer {0}")
  @ValueSource(
      strings = {
        "{}",
        "null",
        "[1,2,3]",
        "{\"items\":\"x\"}",
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":500}"
      })
  void aTwoHundredOfTheWrongShapeFailsItsSource(String body) throws IOException {
    try (HostileApi api = new HostileApi()) {
      api.on("/api/v1/pods", e -> HostileApi.Reply.json(body));
      AgentRun run = run(api);
      JsonObject pods = run.source("kube/pods");
      docs.assertFailed(pods, "unexpected-response", "unexpected response: ");
      String message = pods.get("message").getAsString();
      String sample = body.length() > 80 ? body.substring(0, 80) : body;
      assertTrue(message.endsWith(": " + sample), message);
      assertEquals("unexpected-response", pods.get("kind").getAsString());
      assertEquals("ok", run.source("kube/nodes").get("state").getAsString());
    }
  }

  @Test
  void anEchoServiceNeverLeaksTheTokenAndIsNoKubernetes() throws IOException {
    try (HostileApi api = new HostileApi()) {
      api.everyPath(
          e -> {
            Map<String, String> headers =
                e.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, h -> String.join(",", h.getValue())));
            String echo = new com.google.gson.Gson().toJson(headers);
            String path = e.getRequestURI().getRawPath();
            return path.equals("/livez") || path.equals("/readyz")
                ? HostileApi.Reply.text(500, "request was:\n" + echo)
                : HostileApi.Reply.json(echo);
          });
      AgentRun run = run(api);
      // AgentRun.tokenAbsent has checked stdout, stderr (-v --debug) and argv already.
      String all = run.result.stdout() + run.result.stderr();
      assertFalse(all.contains(TOKEN), "the token is in the output");
      assertFalse(all.matches("(?s).*Bearer [^*].*"), "a bearer value is in the output");
      for (JsonObject source : run.sources()) {
        String id = source.get("source").getAsString();
        if (id.startsWith("kube/") && !id.equals("kube/livez") && !id.equals("kube/readyz")) {
          docs.assertFailed(source, "unexpected-response", "unexpected response: ");
        }
      }
      Path out = Files.writeString(work.resolve("echo.out"), run.result.stdout());
      CheckRunner checks = new CheckRunner(repository);
      assumeTrue(checks.missing() == null, checks.missing());
      CheckRunner.Service kubernetes =
          checks.run(out, CLUSTER).stream()
              .filter(s -> s.host().equals(CLUSTER) && s.service().equals("Kubernetes API"))
              .findFirst()
              .orElseThrow();
      assertEquals(2, kubernetes.state(), kubernetes.toString());
      assertTrue(kubernetes.summary().startsWith("Not a Kubernetes API server: "), kubernetes.summary());
      assertFalse(kubernetes.summary().contains(TOKEN));
    }
  }

  private AgentRun run(HostileApi api) throws IOException {
    Path ca = Files.writeString(Files.createTempFile(work, "ca", ".crt"), api.caPem());
    Path dir = Files.createTempDirectory(work, "run");
    return AgentRun.run(
            repository,
            List.of(
                "--cluster-name", CLUSTER,
                "--api-server-url", api.url().toString(),
                "--token-file", tokenFile.toString(),
                "--ca-file", ca.toString(),
                "--deadline", "20",
                "--proxy", "NO_PROXY",
                "--usage-sources", "none",
                "-v",
                "--debug"),
            dir)
        .tokenAbsent(TOKEN);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
