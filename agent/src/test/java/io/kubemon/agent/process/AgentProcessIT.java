package io.kubemon.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubemon.agent.http.LocalApiServer;
import io.kubemon.agent.http.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as Checkmk runs it, against a local HTTPS "API server" that requires a bearer
 * token. Tests marked "needs KubeReport" read the status section and are skipped with one line
 * while the report writer is still a placeholder.
 */
class AgentProcessIT {
  private static final String STATUS = "<<<kubemon_agent_status_v1:sep(0)>>>";
  private final String token = "it-token-" + UUID.randomUUID();
  private final TestPki pki = new TestPki("kubemon-it-ca");
  private LocalApiServer api;
  @TempDir Path dir;
  private Path tokenFile;
  private Path caFile;

  @BeforeEach
  void start() throws Exception {
    api = LocalApiServer.start(pki.localServerKeyStore(), token)
        .on("/version", LocalApiServer.json(200,
            "{\"major\":\"1\",\"minor\":\"33\",\"gitVersion\":\"v1.33.4+k3s1\","
                + "\"platform\":\"linux/amd64\"}"))
        .on("/livez", LocalApiServer.text(200, "text/plain", "ok"))
        .on("/readyz", LocalApiServer.text(200, "text/plain", "readyz check passed"))
        .on("/api/v1/nodes", LocalApiServer.status(403, "Forbidden"));
    tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, token + "\n");
    Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    caFile = dir.resolve("ca.crt");
    Files.writeString(caFile, pki.caPem());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void printConfigRunsFromTheShadedJar() throws Exception {
    AgentProcess.Result r = AgentProcess.runJar(args("--ca-file", caFile.toString(),
        "--print-config"));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("", r.stderr());
    JsonObject config = JsonParser.parseString(r.stdout()).getAsJsonObject();
    assertEquals("file", config.get("token_source").getAsString());
    assertEquals("CN=kubemon-it-ca",
        config.getAsJsonObject("ca").getAsJsonArray("subjects").get(0).getAsString());
    assertTokenAbsent(r);
  }

  @Test
  void helpNamesTheVersionFromTheJarManifest() throws Exception {
    AgentProcess.Result r = AgentProcess.runJar(List.of("--help"));
    assertEquals(0, r.exitCode(), r.stderr());
    String first = r.stdout().lines().findFirst().orElse("");
    assertTrue(first.matches("agent_kubemon \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?: .*"), first);
  }

  @Test
  void aBadCommandLineIsOneLineAndExitTwo() throws Exception {
    AgentProcess.Result r = AgentProcess.runJar(List.of("--cluster-name", "it",
        "--api-server-url", api.url().getAuthority(), "--token", token));
    assertEquals(2, r.exitCode());
    assertEquals("agent_kubemon: --api-server-url must be https://HOST[:PORT], got \""
        + api.url().getAuthority() + "\"\n", r.stderr());
    assertEquals("", r.stdout());
    assertTokenAbsent(r);
  }

  @Test
  void theWrapperStartsTheJar() throws Exception {
    Path wrapper = AgentProcess.wrapper();
    Path installed = dir.resolve("libexec");
    Files.createDirectories(installed);
    Files.copy(wrapper, installed.resolve("agent_kubemon"));
    Files.copy(AgentProcess.jar(), installed.resolve("kubemon-agent.jar"));
    List<String> command = new ArrayList<>(List.of("sh", installed.resolve("agent_kubemon")
        .toString()));
    command.addAll(args("--print-config"));
    AgentProcess.Result r = AgentProcess.run(command, Map.of());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().startsWith("{\"cluster_name\":\"it\""), r.stdout());
  }

  /**
   * The wrapper gives the JVM a heap limit from --max-objects (384 MiB + 5 MiB per 1,000), and
   * leaves an -Xmx of JDK_JAVA_OPTIONS alone. The JVM reports a little less than -Xmx (one
   * survivor space), hence the range.
   */
  @Test
  void theWrapperSetsTheHeapFromMaxObjects() throws Exception {
    assertHeap(Map.of(), List.of(), 384 + 200_000 / 200);
    assertHeap(Map.of(), List.of("--max-objects", "100000"), 384 + 100_000 / 200);
    assertHeap(Map.of("JDK_JAVA_OPTIONS", "-Xmx300m"), List.of("--max-objects", "100000"), 300);
  }

  private void assertHeap(Map<String, String> env, List<String> extra, long mib)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", AgentProcess.wrapper().toString()));
    command.addAll(args("--print-config"));
    command.addAll(extra);
    AgentProcess.Result r = AgentProcess.run(command, env);
    assertEquals(0, r.exitCode(), r.stderr());
    long heap = JsonParser.parseString(r.stdout()).getAsJsonObject().getAsJsonObject("limits")
        .get("heap_mib").getAsLong();
    assertTrue(heap <= mib && heap >= mib - 16, extra + " " + env + ": heap " + heap
        + " MiB, expected -Xmx" + mib + "m");
  }

  @Test
  void theWrapperIsPosixShell() throws Exception {
    for (String shell : List.of("sh", "dash")) {
      assumeTrue(shell.equals("sh") || Files.isExecutable(Path.of("/bin/dash")),
          "no dash on this machine; checked with sh only");
      AgentProcess.Result r = AgentProcess.run(
          List.of(shell, "-n", AgentProcess.wrapper().toString()), Map.of());
      assertEquals(0, r.exitCode(), shell + ": " + r.stderr());
    }
  }

  @Test
  void theWrapperRefusesAnOldJava() throws Exception {
    Path fakeHome = dir.resolve("jdk8");
    Files.createDirectories(fakeHome.resolve("bin"));
    Path java = fakeHome.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho 'java version \"1.8.0_392\"' >&2\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    AgentProcess.Result r = AgentProcess.run(
        List.of("sh", AgentProcess.wrapper().toString(), "--help"),
        Map.of("JAVA_HOME", fakeHome.toString()));
    assertEquals(2, r.exitCode());
    assertEquals("agent_kubemon: needs Java 17 or newer: install a JRE (e.g. apt-get install"
        + " openjdk-17-jre-headless) or set JAVA_HOME\n", r.stderr());
  }

  @Test
  void theRightCaPassesTlsAndTheTokenIsSent() throws Exception {
    AgentProcess.Result r = agent("--ca-file", caFile.toString());
    assertEquals("ok", source(r, "kube/version").get("state").getAsString());
    assertTrue(
        api.received().stream().allMatch(q -> ("Bearer " + token).equals(q.authorization())));
  }

  @Test
  void aForbiddenListIsReportedWithTheRuleToGrant() throws Exception {
    AgentProcess.Result r = agent("--ca-file", caFile.toString());
    JsonObject nodes = source(r, "kube/nodes");
    assertEquals("failed", nodes.get("state").getAsString());
    assertEquals(403, nodes.get("http_status").getAsInt());
    assertEquals("grant \"list nodes\" (apiGroup \"\") to the ClusterRole"
        + " check-mk-metrics-reader (check_mk_rbac.yaml)",
        nodes.get("hint").getAsString());
    assertEquals("rbac-forbidden", nodes.get("anchor").getAsString());
  }

  @Test
  void aWrongCaIsOneClearTlsLine() throws Exception {
    Path otherCa = dir.resolve("other.crt");
    Files.writeString(otherCa, new TestPki("other-ca").caPem());
    AgentProcess.Result r = agent("--ca-file", otherCa.toString());
    JsonObject version = source(r, "kube/version");
    assertEquals("tls-unknown-ca", version.get("anchor").getAsString());
    assertTrue(version.get("message").getAsString().endsWith("is signed by an unknown CA"));
    assertEquals(List.of(), api.received(), "no request may pass an untrusted TLS handshake");
  }

  @Test
  void noCertCheckConnectsWithoutTheCa() throws Exception {
    AgentProcess.Result r = agent("--no-cert-check");
    assertEquals("ok", source(r, "kube/version").get("state").getAsString());
  }

  @Test
  void aWrongTokenIsAClear401() throws Exception {
    Files.writeString(tokenFile, "not-the-token");
    AgentProcess.Result r = agent("--ca-file", caFile.toString());
    JsonObject version = source(r, "kube/version");
    assertEquals(401, version.get("http_status").getAsInt());
    assertEquals("token-rejected", version.get("anchor").getAsString());
  }

  @Test
  void aRedirectToAnotherHostIsNotFollowed() throws Exception {
    try (LocalApiServer elsewhere = LocalApiServer.start(pki.localServerKeyStore(), token)) {
      api.on("/version", exchange -> {
        exchange.getResponseHeaders().set("Location", "https://localhost:"
            + elsewhere.url().getPort() + "/version");
        LocalApiServer.send(exchange, 307, "text/plain", "");
      });
      AgentProcess.Result r = agent("--ca-file", caFile.toString());
      assertEquals("redirect-refused", source(r, "kube/version").get("anchor").getAsString());
      assertEquals(List.of(), elsewhere.received(), "the token went to the redirect target");
    }
  }

  /** Runs with -v and --debug, so progress lines and stack traces are checked for the token. */
  private AgentProcess.Result agent(String... extra) throws Exception {
    List<String> args = args(extra);
    args.addAll(List.of("-v", "--debug"));
    AgentProcess.Result r = AgentProcess.runJar(args);
    assumeFalse(r.stderr().contains("KubeReport is being written")
        || r.stderr().contains("AgentStatusReport is being written"),
        "needs KubeReport and AgentStatusReport (issue 3); skipped until they exist");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTokenAbsent(r);
    return r;
  }

  private List<String> args(String... extra) {
    List<String> args = new ArrayList<>(List.of("--cluster-name", "it", "--api-server-url",
        api.url().toString(), "--token-file", tokenFile.toString(), "--deadline", "30",
        "--proxy", "NO_PROXY"));
    args.addAll(List.of(extra));
    return args;
  }

  private static JsonObject source(AgentProcess.Result r, String id) {
    List<String> lines = r.stdout().lines().toList();
    int header = lines.indexOf(STATUS);
    assertTrue(header >= 0 && header + 1 < lines.size(), "no " + STATUS + " in\n" + r.stdout());
    JsonArray sources =
        JsonParser.parseString(lines.get(header + 1)).getAsJsonObject().getAsJsonArray("sources");
    Optional<JsonObject> entry = sources.asList().stream().map(JsonElement::getAsJsonObject)
        .filter(s -> s.get("source").getAsString().equals(id)).findFirst();
    assertTrue(entry.isPresent(), "no source " + id + " in " + sources);
    return entry.get();
  }

  private void assertTokenAbsent(AgentProcess.Result r) {
    assertFalse(r.stdout().contains(token), "the token is in stdout");
    assertFalse(r.stderr().contains(token), "the token is in stderr");
  }
}
