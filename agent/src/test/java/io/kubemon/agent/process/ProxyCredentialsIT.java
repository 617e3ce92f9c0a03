package io.kubemon.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubemon.agent.http.LocalApiServer;
import io.kubemon.agent.http.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proxy credentials (issue 18, class 5): the agent process reaches the local HTTPS "API server"
 * only through a loopback CONNECT proxy that demands Basic credentials. They come from --proxy or
 * from https_proxy/HTTPS_PROXY, are sent on CONNECT, and never show in stdout or stderr (with
 * -v and --debug), nor in --print-config or an error line.
 */
class ProxyCredentialsIT {
  private static final String USER = "kube mon";
  private final String token = "it-token-" + UUID.randomUUID();
  /** With an "@" and a ":" that the URL carries percent-encoded. */
  private final String password = "p@ss:" + UUID.randomUUID();
  private final String encoded = password.replace("@", "%40").replace(":", "%3A");
  private final TestPki pki = new TestPki("kubemon-proxy-it-ca");
  private LocalApiServer api;
  private AuthProxy proxy;
  @TempDir Path dir;
  private Path tokenFile;
  private Path caFile;

  @BeforeEach
  void start() throws Exception {
    api = LocalApiServer.start(pki.localServerKeyStore(), token)
        .on("/version", LocalApiServer.json(200,
            "{\"major\":\"1\",\"minor\":\"33\",\"gitVersion\":\"v1.33.4\"}"));
    proxy = new AuthProxy(USER, password);
    tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, token + "\n");
    Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    caFile = dir.resolve("ca.crt");
    Files.writeString(caFile, pki.caPem());
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
    proxy.close();
  }

  @Test
  void aProxyUrlWithCredentialsIsUsedForConnectAndNeverPrinted() throws Exception {
    AgentProcess.Result r = agent(Map.of(), "--proxy", proxyUrl(encoded));
    assertEquals("ok", AgentOutput.source(r, "kube/version").get("state").getAsString(),
        r.stderr());
    assertTunnelled();
    assertTrue(r.stderr().contains("proxy http://127.0.0.1:" + proxy.port()
        + " (with credentials)"), r.stderr());
  }

  @Test
  void httpsProxyWithCredentialsFromTheEnvironmentIsUsed() throws Exception {
    for (String variable : List.of("https_proxy", "HTTPS_PROXY")) {
      AgentProcess.Result r = agent(Map.of(variable, proxyUrl(encoded),
          "no_proxy", "example.invalid,.svc"));
      assertEquals("ok", AgentOutput.source(r, "kube/version").get("state").getAsString(),
          variable + ": " + r.stderr());
      assertTrue(r.stderr().contains("proxy http://127.0.0.1:" + proxy.port()
          + " (with credentials)"), variable + ": " + r.stderr());
      assertFalse(r.stderr().contains("no proxy"), r.stderr());
    }
    assertTunnelled();
  }

  @Test
  void noProxyStillBypassesAProxyWithCredentials() throws Exception {
    AgentProcess.Result r = agent(Map.of("https_proxy", proxyUrl(encoded),
        "no_proxy", "localhost,127.0.0.1"));
    assertEquals("ok", AgentOutput.source(r, "kube/version").get("state").getAsString());
    assertTrue(r.stderr().contains("no proxy"), r.stderr());
    assertEquals(List.of(), proxy.connects());
  }

  @Test
  void wrongCredentialsAreOneClearLineWithoutThem() throws Exception {
    AgentProcess.Result r = agent(Map.of(), "--proxy", proxyUrl("wrong-" + encoded));
    JsonObject version = AgentOutput.source(r, "kube/version");
    assertEquals("failed", version.get("state").getAsString());
    assertEquals("proxy-auth-required", version.get("anchor").getAsString(), version.toString());
    assertEquals("GET /version: the proxy refused the request without valid credentials"
        + " (HTTP 407)", version.get("message").getAsString());
    assertFalse(proxy.connects().isEmpty());
    assertTrue(proxy.connects().stream().allMatch(c -> c.status() == 407));
    assertEquals(List.of(), api.received(), "nothing may pass a refused tunnel");
    assertSecretsAbsent(r, "wrong-" + password);
  }

  @Test
  void printConfigShowsTheProxyWithoutItsCredentials() throws Exception {
    AgentProcess.Result r = AgentProcess.runJar(args("--proxy", proxyUrl(encoded),
        "--print-config"));
    assertEquals(0, r.exitCode(), r.stderr());
    JsonObject config = JsonParser.parseString(r.stdout()).getAsJsonObject();
    assertEquals("http://127.0.0.1:" + proxy.port() + " (with credentials)",
        config.get("proxy").getAsString());
    assertSecretsAbsent(r, password);
    assertFalse(r.stdout().contains(encoded) || r.stdout().contains(USER), r.stdout());
  }

  @Test
  void aBadProxyUrlIsRefusedWithoutRepeatingItsCredentials() throws Exception {
    AgentProcess.Result r = AgentProcess.runJar(args("--proxy",
        "ftp://user:" + encoded + "@127.0.0.1:" + proxy.port()));
    assertEquals(2, r.exitCode());
    assertEquals("agent_kubemon: --proxy must be http://[USER:PASSWORD@]HOST:PORT,"
        + " FROM_ENVIRONMENT or NO_PROXY, got \"ftp://***@127.0.0.1:" + proxy.port() + "\"\n",
        r.stderr());
    assertSecretsAbsent(r, password);
    assertFalse(r.stderr().contains(encoded));
  }

  /** Every CONNECT carried the credentials and went to the API server; it answered through it. */
  private void assertTunnelled() {
    String basic = "Basic " + Base64.getEncoder()
        .encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
    assertFalse(proxy.connects().isEmpty(), "the agent went around the proxy");
    for (AuthProxy.Connect c : proxy.connects()) {
      assertEquals(200, c.status(), "a CONNECT without the credentials: " + c);
      assertEquals(basic, c.authorization());
      assertEquals("127.0.0.1:" + api.url().getPort(), c.target());
    }
    assertFalse(api.received().isEmpty());
  }

  private String proxyUrl(String encodedPassword) {
    return "http://" + USER.replace(" ", "%20") + ":" + encodedPassword + "@127.0.0.1:"
        + proxy.port();
  }

  /** Runs with -v and --debug, so progress lines and stack traces are checked, too. */
  private AgentProcess.Result agent(Map<String, String> env, String... extra) throws Exception {
    List<String> args = args(extra);
    args.addAll(List.of("-v", "--debug"));
    AgentProcess.Result r = AgentProcess.runJar(args, env);
    assertEquals(0, r.exitCode(), r.stderr());
    assertSecretsAbsent(r, password);
    return r;
  }

  private List<String> args(String... extra) {
    List<String> args = new ArrayList<>(List.of("--cluster-name", "it", "--api-server-url",
        api.url().toString(), "--token-file", tokenFile.toString(), "--ca-file",
        caFile.toString(), "--deadline", "30", "--monitored-objects", "nodes"));
    args.addAll(List.of(extra));
    return args;
  }

  private void assertSecretsAbsent(AgentProcess.Result r, String secret) {
    String basic = Base64.getEncoder()
        .encodeToString((USER + ":" + secret).getBytes(StandardCharsets.UTF_8));
    for (String s : List.of(secret, basic, token)) {
      assertFalse(r.stdout().contains(s), "a secret is in stdout");
      assertFalse(r.stderr().contains(s), "a secret is in stderr");
    }
  }
}
