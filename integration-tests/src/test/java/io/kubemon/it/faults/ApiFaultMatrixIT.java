package io.kubemon.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import io.kubemon.it.flow.AgentProcess;
import io.kubemon.it.flow.Repository;
import io.kubemon.it.sim.cluster.GeneratedCluster;
import io.kubemon.it.sim.server.KubeSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix's rows "Kubernetes lists" and "/readyz", each cell one agent process against the
 * simulator (docs/troubleshooting.md#fault-matrix). HTTP faults hit {@code /api/v1/pods} and {@code
 * /readyz} together; the other lists must come through. Transport and TLS faults hit the whole API
 * server, so every source must fail with the same clear line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiFaultMatrixIT {
  static final Duration DEADLINE = Duration.ofSeconds(3);

  /** The agent's time limits for one cell. */
  record Timing(Duration deadline, int connectTimeout, int readTimeout) {}

  /** For cells about time (a stalled or endless body, a dropped connect): the limits come first. */
  static final Timing QUICK = new Timing(DEADLINE, 1, 2);

  /**
   * For every other cell, the agent's defaults: on a loaded machine a TLS handshake or three
   * retries may take seconds, and a cell about a certificate must not turn into one about time.
   */
  static final Timing PATIENT = new Timing(Duration.ofSeconds(50), 10, 12);
  private static final String PODS = "/api/v1/pods";
  private static final String READYZ = "/readyz";

  private final Repository repository = Repository.locate();
  private final Troubleshooting docs = Troubleshooting.load(repository);
  private KubeSimulator simulator;
  private Path caFile;
  private Path tokenFile;
  @TempDir static Path work;

  @BeforeAll
  void start() throws IOException {
    assumeTrue(
        new AgentProcess(repository).missing() == null, new AgentProcess(repository).missing());
    simulator = KubeSimulator.start();
    // 520 pods: more than one page of 500, so the pod list needs a continue token.
    GeneratedCluster.seed(simulator.store(), GeneratedCluster.Spec.of(7, 2, 260));
    caFile = Files.writeString(work.resolve("ca.crt"), simulator.caPem());
    tokenFile = AgentProcess.writeToken(work.resolve("token"), simulator.adminToken());
  }

  @AfterAll
  void stop() {
    if (simulator != null) {
      simulator.close();
    }
  }

  @AfterEach
  void clearFaults() {
    simulator.faults().clear();
    simulator.continueTokenLifetime(Duration.ofMinutes(5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.kubemon.it.faults.HttpCell#cells")
  void anHttpFaultCostsOnlyItsOwnSource(HttpCell cell) throws IOException {
    cell.inject().accept(simulator.faults(), PODS);
    cell.inject().accept(simulator.faults(), READYZ);
    AgentRun run =
        agent(simulator.url().toString(), caFile, cell.orDeadline() ? QUICK : PATIENT)
            .print(cell.fault(), "kube/pods", "kube/readyz");
    JsonObject pods = run.source("kube/pods");
    if (cell.orDeadline()) {
      docs.assertFailedOrDeadline(pods, cell.anchor(), cell.fragment(), DEADLINE);
    } else {
      docs.assertFailed(pods, cell.anchor(), cell.fragment(), cell.documented());
    }
    JsonObject readyz = run.source("kube/readyz");
    if (cell.readyzStatus() == null) {
      docs.assertFailedOrDeadline(readyz, cell.anchor(), cell.fragment(), DEADLINE);
    } else {
      // /readyz is plain text: any status is the API server's answer, shown by "Kubernetes API".
      assertEquals("ok", readyz.get("state").getAsString(), readyz.toString());
      assertEquals(cell.readyzStatus(), readyz.get("http_status").getAsInt(), readyz.toString());
      JsonObject api = run.output.section("", "kubemon_cluster_api_v1");
      assertEquals(cell.readyzStatus(), api.getAsJsonObject("ready").get("status_code").getAsInt());
    }
    assertTheRestCameThrough(run);
  }

  @Test
  void anExpiredContinueTokenRestartsTheListOnceThenNamesGone() throws IOException {
    simulator.continueTokenLifetime(Duration.ofMillis(-1));
    AgentRun run = agent(simulator.url().toString(), caFile);
    JsonObject pods = run.source("kube/pods");
    docs.assertFailed(pods, "http-gone", "gone (HTTP 410), the list changed while paging");
    assertEquals(4, pods.get("requests").getAsInt(), "first page, 410, restart, 410: " + pods);
    assertTheRestCameThrough(run);
  }

  @Test
  void aRedirectToAnotherHostIsNotFollowed() throws IOException {
    try (LoopbackFaults.CountingListener elsewhere = new LoopbackFaults.CountingListener()) {
      simulator.faults().redirect(PODS, elsewhere.port());
      simulator.faults().redirect(READYZ, elsewhere.port());
      AgentRun run = agent(simulator.url().toString(), caFile);
      docs.assertFailed(
          run.source("kube/pods"),
          "redirect-refused",
          "redirected (HTTP 302) to localhost, not followed so the token stays with the API server",
          "not followed so the token stays with the API server");
      JsonObject readyz = run.source("kube/readyz");
      assertEquals(302, readyz.get("http_status").getAsInt(), "an answer, not followed");
      assertEquals(0, elsewhere.connections(), "the agent connected to the redirect target");
      assertTheRestCameThrough(run);
    }
  }

  @Test
  void aClosedPortIsConnectionRefused() throws IOException {
    int port = LoopbackFaults.closedPort();
    AgentRun run = agent("https://127.0.0.1:" + port, caFile);
    allFailed(
        run,
        "connection-refused",
        "127.0.0.1:" + port + " refused the connection",
        "refused the connection");
  }

  @Test
  void anUnresolvableNameIsUnknownHost() throws IOException {
    AgentRun run = agent("https://kubemon-fault.invalid:6443", caFile);
    allFailed(run, "unknown-host", "unknown host kubemon-fault.invalid", "unknown host");
  }

  /** A full accept queue on loopback: SYNs are dropped, so this is a true connect timeout. */
  @Test
  void aDroppedConnectIsAConnectTimeout() throws IOException {
    try (LoopbackFaults.FullBacklog backlog = new LoopbackFaults.FullBacklog()) {
      assumeTrue(backlog.full(), "this kernel accepts past the backlog; no connect timeout here");
      AgentRun run =
          agent("https://127.0.0.1:" + backlog.port(), caFile, QUICK)
              .print("connect timeout", "kube/version", "kube/pods", "kube/readyz");
      for (JsonObject source : run.sources()) {
        docs.assertFailedOrDeadline(source, "connect-timeout", "connect timeout", DEADLINE);
      }
      assertTrue(
          run.sources().stream()
              .anyMatch(s -> "connect-timeout".equals(s.get("anchor").getAsString())),
          "no source names the connect timeout");
    }
  }

  @Test
  void aServerCertificateFromAnotherCaIsRefused() throws IOException {
    Path otherCa;
    try (BadTlsServer other = BadTlsServer.start(BadTlsServer.Flaw.EXPIRED)) {
      otherCa = Files.writeString(work.resolve("other-ca.crt"), other.caPem());
    }
    AgentRun run = agent(simulator.url().toString(), otherCa);
    allFailed(run, "tls-unknown-ca", "is signed by an unknown CA", "is signed by an unknown CA");
  }

  @Test
  void anExpiredCertificateIsNamed() throws IOException {
    try (BadTlsServer server = BadTlsServer.start(BadTlsServer.Flaw.EXPIRED)) {
      AgentRun run = agent(server.url().toString(), ca(server));
      allFailed(
          run,
          "tls-certificate-expired",
          "is expired or not yet valid",
          "is expired or not yet valid");
      assertEquals(0, server.requests(), "a request passed an expired certificate");
    }
  }

  @Test
  void aCertificateForAnotherHostIsRefused() throws IOException {
    try (BadTlsServer server = BadTlsServer.start(BadTlsServer.Flaw.OTHER_HOST_NAME)) {
      AgentRun run = agent(server.url().toString(), ca(server));
      allFailed(run, "tls-hostname-mismatch", "does not name this host", "does not name this host");
      assertEquals(0, server.requests(), "a request passed a certificate for another host");
    }
  }

  private Path ca(BadTlsServer server) throws IOException {
    return Files.writeString(work.resolve("bad-tls-ca.crt"), server.caPem());
  }

  private void allFailed(AgentRun run, String anchor, String fragment, String documented) {
    assertTrue(run.sources().size() > 10, "every list is a source: " + run.sources());
    for (JsonObject source : run.sources()) {
      docs.assertFailed(source, anchor, fragment, documented);
    }
    assertEquals(List.of(""), List.copyOf(run.output.hosts().keySet()), "only the cluster host");
  }

  /** The nodes, namespaces and workloads of the cluster are still written. */
  private static void assertTheRestCameThrough(AgentRun run) {
    assertEquals("ok", run.source("kube/nodes").get("state").getAsString());
    assertEquals("ok", run.source("kube/deployments").get("state").getAsString());
    long nodes =
        run.output.hosts().entrySet().stream()
            .filter(h -> h.getKey().startsWith("node_"))
            .filter(h -> h.getValue().containsKey("kubemon_node_info_v1"))
            .count();
    assertEquals(2, nodes, "node hosts with kubemon_node_info_v1: " + run.output.hosts().keySet());
  }

  private AgentRun agent(String url, Path ca) throws IOException {
    return agent(url, ca, PATIENT);
  }

  private AgentRun agent(String url, Path ca, Timing timing) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--cluster-name",
                "fault",
                "--api-server-url",
                url,
                "--token-file",
                tokenFile.toString(),
                "--ca-file",
                ca.toString(),
                "--deadline",
                Long.toString(timing.deadline().toSeconds()),
                "--connect-timeout",
                Integer.toString(timing.connectTimeout()),
                "--read-timeout",
                Integer.toString(timing.readTimeout()),
                "--proxy",
                "NO_PROXY",
                "--usage-sources",
                "none",
                "-v",
                "--debug"));
    Path dir = Files.createTempDirectory(work, "run");
    AgentRun run =
        AgentRun.run(repository, args, dir)
            .finishedWithin(timing.deadline())
            .tokenAbsent(simulator.adminToken());
    for (JsonObject source : run.sources()) {
      if (!source.get("anchor").isJsonNull()) {
        docs.entry(source.get("anchor").getAsString());
      }
    }
    return run;
  }
}
