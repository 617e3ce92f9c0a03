package io.kubemon.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import io.kubemon.it.flow.AgentProcess;
import io.kubemon.it.flow.CheckRunner;
import io.kubemon.it.flow.Repository;
import io.kubemon.it.sim.cluster.GeneratedCluster;
import io.kubemon.it.sim.server.KubeSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * "I cannot see the cluster" is a service state (docs/troubleshooting.md#cluster-unreadable): for
 * each reason the API server cannot be reached or trusted, the agent process exits 0 with its
 * status section, and the check plug-ins (checks/tools/run_checks.py) turn it into one CRIT line on
 * "Kubernetes API" naming the cause and the fix, and one "Agent status" line with a count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReachabilityIT {
  private static final String CLUSTER = "fault";

  private final Repository repository = Repository.locate();
  private final Troubleshooting docs = Troubleshooting.load(repository);
  private final CheckRunner checks = new CheckRunner(repository);
  private KubeSimulator simulator;
  private Path simulatorCa;
  private Path tokenFile;
  @TempDir static Path work;

  @BeforeAll
  void start() throws IOException {
    AgentProcess agent = new AgentProcess(repository);
    assumeTrue(agent.missing() == null, agent.missing());
    assumeTrue(checks.missing() == null, checks.missing());
    simulator = KubeSimulator.start();
    GeneratedCluster.seed(simulator.store(), GeneratedCluster.Spec.of(1, 1, 2));
    simulatorCa = Files.writeString(work.resolve("sim-ca.crt"), simulator.caPem());
    tokenFile = AgentProcess.writeToken(work.resolve("token"), simulator.adminToken());
  }

  @AfterAll
  void stop() {
    if (simulator != null) {
      simulator.close();
    }
  }

  @Test
  void connectionRefused() throws IOException {
    int port = LoopbackFaults.closedPort();
    Seen seen = run("https://127.0.0.1:" + port, simulatorCa);
    seen.unreadable("API server unreachable", "connection-refused", "refused the connection");
  }

  @Test
  void unknownHost() throws IOException {
    Seen seen = run("https://kubemon-reach.invalid:6443", simulatorCa);
    seen.unreadable(
        "API server unreachable", "unknown-host", "unknown host kubemon-reach.invalid", "unknown host");
  }

  /**
   * A port that accepts and never answers costs one timeout, not one per request: the agent stops
   * asking after the first silence. The TLS handshake is part of connecting, so it is the connect
   * timeout. Shown on counts and the agent's own clock.
   */
  @Test
  void aPortThatNeverAnswers() throws IOException {
    try (LoopbackFaults.Silent silent = new LoopbackFaults.Silent()) {
      Seen seen = run("https://127.0.0.1:" + silent.port(), simulatorCa);
      seen.unreadable("API server does not answer", "connect-timeout", ": connect timeout");
      JsonObject status = seen.run.output.section("", AgentRun.STATUS);
      assertFalse(status.get("deadline_hit").getAsBoolean(), "the deadline ended it: " + status);
      assertTrue(
          silent.connections() <= 4,
          "one connection per request in flight at the first silence, then none: "
              + silent.connections());
    }
  }

  @Test
  void unknownCa() throws IOException {
    Path otherCa;
    try (HostileApi other = new HostileApi()) {
      otherCa = Files.writeString(work.resolve("other-ca.crt"), other.caPem());
    }
    Seen seen = run(simulator.url().toString(), otherCa);
    seen.unreadable("API server not trusted", "tls-unknown-ca", "is signed by an unknown CA");
  }

  @Test
  void plainHttp() throws IOException {
    try (LoopbackFaults.PlainHttp plain = new LoopbackFaults.PlainHttp()) {
      Seen seen = run("https://127.0.0.1:" + plain.port(), simulatorCa);
      seen.unreadable("API server not trusted", "plain-http", "answered in plain HTTP, not HTTPS");
    }
  }

  /**
   * An http:// API server (what {@code kubectl proxy} offers): refused with one line unless the
   * admin insists with --allow-http; then read, with a warning, and Kubernetes API stays WARN.
   */
  @Test
  void plainHttpOnlyWithAllowHttpThenWarn() throws IOException {
    try (PlainRelay relay = new PlainRelay(simulator)) {
      Path dir = Files.createTempDirectory(work, "refused");
      AgentProcess.Result refused = new AgentProcess(repository).run(List.of(
          "--cluster-name", CLUSTER, "--api-server-url", relay.url(),
          "--token-file", tokenFile.toString()), dir);
      assertEquals(2, refused.exitCode(), refused.stderr());
      assertEquals("agent_kubemon: --api-server-url is http://, so the token would travel in"
          + " clear: use https://, or add --allow-http if you must", refused.stderr().strip());
      assertEquals(0, relay.requests(), "the token went out although refused");
      Seen seen = run(relay.url(), null, "--allow-http");
      assertTrue(seen.run.result.stderr().contains("agent_kubemon: warning: --allow-http: the API"
          + " server is read over plain http://"), seen.run.result.stderr());
      CheckRunner.Service api = seen.service("Kubernetes API");
      assertEquals(1, api.state(), api.toString());
      assertTrue(api.summary().startsWith("Plain http:// (--allow-http): the token travels in"
          + " clear"), api.summary());
      assertEquals(0, seen.service("Nodes").state(), "the cluster was read over http");
      docs.entry("allow-http");
    }
  }

  /** Plain HTTP in front of the simulator, passing the agent's Authorization header on. */
  private static final class PlainRelay implements AutoCloseable {
    private final com.sun.net.httpserver.HttpServer server;
    private final java.util.concurrent.atomic.AtomicInteger requests =
        new java.util.concurrent.atomic.AtomicInteger();

    PlainRelay(KubeSimulator simulator) throws IOException {
      server = com.sun.net.httpserver.HttpServer.create(
          new java.net.InetSocketAddress("127.0.0.1", 0), 16);
      server.createContext("/", exchange -> {
        requests.incrementAndGet();
        String bearer = exchange.getRequestHeaders().getFirst("Authorization");
        String token = bearer == null ? null : bearer.replaceFirst("^Bearer ", "");
        java.net.URI uri = exchange.getRequestURI();
        String pathAndQuery = uri.getRawPath()
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        java.net.http.HttpResponse<byte[]> answer =
            new io.kubemon.it.sim.server.ApiClient(simulator.url(), simulator.caPem(), token)
                .getRaw(pathAndQuery, "identity");
        exchange.getResponseHeaders().set("Content-Type",
            answer.headers().firstValue("Content-Type").orElse("application/json"));
        exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
        try (java.io.OutputStream out = exchange.getResponseBody()) {
          out.write(answer.body());
        }
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int requests() {
      return requests.get();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  void http500OnEveryCall() throws IOException {
    try (HostileApi api = new HostileApi()) {
      api.everyPath(e -> HostileApi.Reply.text(500, "internal error"));
      Seen seen = run(api.url().toString(), ca(api));
      seen.unreadable(
          "API server failing", "http-unexpected-status", "unexpected HTTP 500", "unexpected HTTP");
    }
  }

  @Test
  void noCertCheckIsWarnOnKubernetesApi() throws IOException {
    Seen seen = run(simulator.url().toString(), null, "--no-cert-check");
    JsonObject status = seen.run.output.section("", AgentRun.STATUS);
    assertTrue(status.get("no_cert_check").getAsBoolean(), status.toString());
    CheckRunner.Service api = seen.service("Kubernetes API");
    assertEquals(1, api.state(), api.toString());
    assertTrue(api.summary().contains("Certificate not verified (--no-cert-check)"), api.summary());
    docs.entry("no-cert-check");
  }

  @Test
  void aVerifiedRunHasNoCertCheckOff() throws IOException {
    Seen seen = run(simulator.url().toString(), simulatorCa);
    JsonObject status = seen.run.output.section("", AgentRun.STATUS);
    assertFalse(status.get("no_cert_check").getAsBoolean(), status.toString());
    CheckRunner.Service api = seen.service("Kubernetes API");
    assertEquals(0, api.state(), api.toString());
  }

  private Path ca(HostileApi api) throws IOException {
    return Files.writeString(Files.createTempFile(work, "ca", ".crt"), api.caPem());
  }

  /** One agent run and what the plug-ins make of it. */
  final class Seen {
    final AgentRun run;
    final List<CheckRunner.Service> services;

    Seen(AgentRun run, List<CheckRunner.Service> services) {
      this.run = run;
      this.services = services;
    }

    CheckRunner.Service service(String name) {
      return services.stream()
          .filter(s -> s.host().equals(CLUSTER) && s.service().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no service " + name + " in " + services));
    }

    /**
     * Every Kubernetes source failed with {@code anchor}; "Kubernetes API" is CRIT with one line
     * of headline, reason, fix and anchor; "Agent status" names the reason once with a count.
     */
    void unreadable(String headline, String anchor, String fragment) {
      unreadable(headline, anchor, fragment, fragment);
    }

    /** As above where the message fills in what docs/troubleshooting.md leaves open. */
    void unreadable(String headline, String anchor, String fragment, String documented) {
      for (JsonObject source : run.sources()) {
        String id = source.get("source").getAsString();
        if (!id.startsWith("kube/") || id.equals("kube/livez") || id.equals("kube/readyz")) {
          continue; // plain text: any HTTP status is an answer
        }
        if (Troubleshooting.DEADLINE.equals(source.get("anchor").getAsString())) {
          docs.assertFailed(source, Troubleshooting.DEADLINE, "deadline reached (--deadline ");
        } else {
          docs.assertFailed(source, anchor, fragment, documented);
        }
      }
      CheckRunner.Service api = service("Kubernetes API");
      assertEquals(2, api.state(), api.toString());
      String line = api.summary();
      assertFalse(line.contains("\n"), "more than one line: " + line);
      assertTrue(line.startsWith(headline + ": "), line);
      assertTrue(line.contains(fragment), line);
      assertTrue(line.contains(" - fix: "), line);
      assertTrue(line.endsWith("(docs/troubleshooting.md#" + anchor + ")"), line);
      CheckRunner.Service status = service("Agent status");
      assertEquals(1, status.state(), status.toString());
      int at = status.summary().indexOf(fragment);
      assertTrue(at >= 0, status.summary());
      assertEquals(-1, status.summary().indexOf(fragment, at + 1), "repeated: " + status.summary());
      assertTrue(status.summary().matches(".*\\d+ sources failed: .*"), status.summary());
    }
  }

  private static final int DEADLINE = 20;

  private Seen run(String url, Path ca, String... extra) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--cluster-name", CLUSTER,
                "--api-server-url", url,
                "--token-file", tokenFile.toString(),
                "--deadline", Integer.toString(DEADLINE),
                "--connect-timeout", "2",
                "--read-timeout", "5",
                "--proxy", "NO_PROXY",
                "--usage-sources", "none"));
    if (ca != null) {
      args.addAll(List.of("--ca-file", ca.toString()));
    }
    args.addAll(List.of(extra));
    Path dir = Files.createTempDirectory(work, "run");
    AgentRun run = AgentRun.run(repository, args, dir).tokenAbsent(simulator.adminToken());
    Path out = Files.writeString(dir.resolve("agent-output.txt"), run.result.stdout());
    return new Seen(run, checks.run(out, CLUSTER));
  }
}
