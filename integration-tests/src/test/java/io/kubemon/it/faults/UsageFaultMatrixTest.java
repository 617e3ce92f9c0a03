package io.kubemon.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.kubemon.agent.ConfigurationException;
import io.kubemon.agent.http.Deadline;
import io.kubemon.agent.http.HttpJsonSource;
import io.kubemon.agent.http.HttpSettings;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.ProxySetting;
import io.kubemon.agent.http.TlsSettings;
import io.kubemon.agent.secret.Secret;
import io.kubemon.agent.source.custommetrics.CustomMetricsSource;
import io.kubemon.agent.source.kubelet.KubeletSource;
import io.kubemon.agent.source.metrics.MetricsApiSource;
import io.kubemon.agent.source.prometheus.PrometheusSource;
import io.kubemon.agent.status.SourceLog;
import io.kubemon.it.flow.Repository;
import io.kubemon.it.sim.cluster.GeneratedCluster;
import io.kubemon.it.sim.server.KubeSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix's usage rows: the metrics API, the custom metrics API, Prometheus through the
 * service proxy and the kubelet through the node proxy, each driven through its own source class
 * over the agent's real {@link HttpJsonSource} (TLS, token, retries, deadline), against the
 * simulator. The agent's main flow does not call these sources yet; once it does, the process
 * matrix ({@link ApiFaultMatrixIT}) is the place to add rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageFaultMatrixTest {
  private static final Duration DEADLINE = ApiFaultMatrixIT.DEADLINE;
  private static final String PROMETHEUS =
      "/api/v1/namespaces/check-mk/services/https:prometheus:9090/proxy";
  private static final Gson GSON = new Gson();

  private final Troubleshooting docs = Troubleshooting.load(Repository.locate());
  private KubeSimulator simulator;
  private FakeUpstream upstream;
  private String node;

  enum Row {
    METRICS_API("/apis/metrics.k8s.io/"),
    CUSTOM_METRICS("/apis/custom.metrics.k8s.io/"),
    PROMETHEUS(UsageFaultMatrixTest.PROMETHEUS),
    KUBELET("/api/v1/nodes/");

    final String prefix;

    Row(String prefix) {
      this.prefix = prefix;
    }

    String sourceId(String node) {
      return switch (this) {
        case METRICS_API -> "metrics/nodes";
        case CUSTOM_METRICS -> "pipeline/custom-metrics";
        case PROMETHEUS -> "prometheus/targets";
        case KUBELET -> "kubelet/stats-summary:" + node;
      };
    }

    void read(JsonSource api, SourceLog log, String node, Deadline deadline) {
      switch (this) {
        case METRICS_API -> new MetricsApiSource(api, log).usage();
        case CUSTOM_METRICS -> new CustomMetricsSource(api, log).discover();
        case PROMETHEUS -> new PrometheusSource(api, UsageFaultMatrixTest.PROMETHEUS, log).health();
        case KUBELET ->
            new KubeletSource(api, 1, log)
                .usage(List.of(node), Instant.now().plus(deadline.remaining()));
      }
    }
  }

  @BeforeAll
  void start() throws IOException, URISyntaxException {
    simulator = KubeSimulator.start();
    node = GeneratedCluster.seed(simulator.store(), GeneratedCluster.Spec.of(11, 1, 3)).nodeName(0);
    simulator.apply(Path.of(getClass().getResource("/sim/adapter-and-operator.yaml").toURI()));
    upstream = new FakeUpstream();
    simulator.prometheus("check-mk", upstream.url());
    simulator.kubelets(upstream.url());
  }

  @AfterAll
  void stop() {
    if (simulator != null) {
      simulator.close();
      upstream.close();
    }
  }

  @AfterEach
  void clearFaults() {
    simulator.faults().clear();
  }

  @ParameterizedTest
  @EnumSource(Row.class)
  void withoutAFaultEveryRowAnswers(Row row) throws Exception {
    JsonObject entry = read(row, simulator.url(), simulator.caPem());
    assertEquals("ok", entry.get("state").getAsString(), entry.toString());
  }

  static Stream<Arguments> httpCells() {
    Stream<HttpCell> gone =
        Stream.of(
            new HttpCell(
                "410",
                (f, p) -> f.status(p, 410),
                "http-gone",
                "gone (HTTP 410)",
                "gone (HTTP 410)",
                false,
                null));
    List<HttpCell> cells = Stream.concat(HttpCell.cells(), gone).toList();
    return Stream.of(Row.values()).flatMap(r -> cells.stream().map(c -> Arguments.of(r, c)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("httpCells")
  void anHttpFaultIsNamed(Row row, HttpCell cell) throws Exception {
    cell.inject().accept(simulator.faults(), row.prefix);
    JsonObject entry =
        read(row, simulator.url(), simulator.caPem(),
            cell.orDeadline() ? ApiFaultMatrixIT.QUICK : ApiFaultMatrixIT.PATIENT);
    if (cell.orDeadline()) {
      docs.assertFailedOrDeadline(entry, cell.anchor(), cell.fragment(), DEADLINE);
    } else {
      docs.assertFailed(entry, cell.anchor(), cell.fragment(), cell.documented());
    }
  }

  @ParameterizedTest
  @EnumSource(Row.class)
  void aRedirectIsNotFollowed(Row row) throws Exception {
    try (LoopbackFaults.CountingListener elsewhere = new LoopbackFaults.CountingListener()) {
      simulator.faults().redirect(row.prefix, elsewhere.port());
      JsonObject entry = read(row, simulator.url(), simulator.caPem());
      docs.assertFailed(
          entry,
          "redirect-refused",
          "to localhost, not followed",
          "not followed so the token stays with the API server");
      assertEquals(0, elsewhere.connections(), "the agent connected to the redirect target");
    }
  }

  @ParameterizedTest
  @EnumSource(Row.class)
  void transportAndTlsFaultsAreNamed(Row row) throws Exception {
    int closed = LoopbackFaults.closedPort();
    docs.assertFailed(
        read(row, URI.create("https://127.0.0.1:" + closed), simulator.caPem()),
        "connection-refused",
        "refused the connection");
    docs.assertFailed(
        read(row, URI.create("https://kubemon-fault.invalid:6443"), simulator.caPem()),
        "unknown-host",
        "unknown host kubemon-fault.invalid",
        "unknown host");
    for (BadTlsServer.Flaw flaw : List.of(BadTlsServer.Flaw.EXPIRED, BadTlsServer.Flaw.OTHER_HOST_NAME)) {
      try (BadTlsServer server = BadTlsServer.start(flaw)) {
        JsonObject entry = read(row, server.url(), server.caPem());
        if (flaw == BadTlsServer.Flaw.EXPIRED) {
          docs.assertFailed(entry, "tls-certificate-expired", "is expired or not yet valid");
        } else {
          docs.assertFailed(entry, "tls-hostname-mismatch", "does not name this host");
        }
        JsonObject wrongCa = read(row, server.url(), simulator.caPem());
        docs.assertFailed(wrongCa, "tls-unknown-ca", "is signed by an unknown CA");
        assertEquals(0, server.requests(), "a request passed a bad certificate");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Row.class)
  void aDroppedConnectIsAConnectTimeout(Row row) throws Exception {
    try (LoopbackFaults.FullBacklog backlog = new LoopbackFaults.FullBacklog()) {
      assumeTrue(backlog.full(), "this kernel accepts past the backlog; no connect timeout here");
      JsonObject entry =
          read(row, URI.create("https://127.0.0.1:" + backlog.port()), simulator.caPem(),
              ApiFaultMatrixIT.QUICK);
      docs.assertFailedOrDeadline(entry, "connect-timeout", "connect timeout", DEADLINE);
    }
  }

  /**
   * Runs the row's source once and returns its entry, which must say (on the agent's own clock,
   * its elapsed_s) that the source ended within the deadline plus a second, and that a source cut
   * by the deadline marked the run's deadline as hit.
   */
  private JsonObject read(Row row, URI server, String caPem)
      throws IOException, ConfigurationException {
    return read(row, server, caPem, ApiFaultMatrixIT.PATIENT);
  }

  private JsonObject read(Row row, URI server, String caPem, ApiFaultMatrixIT.Timing timing)
      throws IOException, ConfigurationException {
    HttpSettings settings =
        new HttpSettings(
            server,
            TlsSettings.fromInline("--ca-cert", caPem),
            ProxySetting.NO_PROXY,
            Duration.ofSeconds(timing.connectTimeout()),
            Duration.ofSeconds(timing.readTimeout()));
    Deadline deadline = Deadline.after(timing.deadline());
    SourceLog log = new SourceLog();
    try (HttpJsonSource api =
        new HttpJsonSource(settings, Secret.of(simulator.adminToken()), deadline, Map.of())) {
      row.read(api, log, node, deadline);
    }
    String id = row.sourceId(node);
    SourceLog.Entry entry =
        log.entries().stream()
            .filter(e -> e.source().equals(id))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no source " + id + " in " + log.entries()));
    assertTrue(
        entry.elapsedSeconds() <= timing.deadline().toSeconds() + 1.0,
        row + " says it took " + entry.elapsedSeconds() + " s, more than the deadline + 1 s");
    if (Troubleshooting.DEADLINE.equals(entry.anchor())) {
      assertTrue(deadline.hit(), row + " names the deadline, the deadline says it was not hit");
    }
    return GSON.toJsonTree(entry).getAsJsonObject();
  }
}
