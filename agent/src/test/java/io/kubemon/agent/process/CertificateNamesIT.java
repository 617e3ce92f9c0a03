package io.kubemon.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import io.kubemon.agent.http.LocalApiServer;
import io.kubemon.agent.http.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host names by subjectAltName only (issue 18, class 5): a server certificate whose CN names the
 * host but that has no subjectAltName is refused (HttpClient alone would accept it), with one
 * line naming the fix; the same name in a subjectAltName passes. Through the agent process.
 */
class CertificateNamesIT {
  private final String token = "it-token-" + UUID.randomUUID();
  private final TestPki pki = new TestPki("kubemon-san-it-ca");
  @TempDir Path dir;

  @Test
  void aCertificateNamingTheHostOnlyInItsCnIsRefusedWithTheFix() throws Exception {
    KeyStore cnOnly = pki.serverKeyStoreWithCn(later(), "localhost");
    try (LocalApiServer api = server(cnOnly)) {
      AgentProcess.Result r = agent(api);
      JsonObject version = AgentOutput.source(r, "kube/version");
      assertEquals("failed", version.get("state").getAsString());
      assertEquals("tls-no-subject-alt-name", version.get("anchor").getAsString());
      assertEquals("GET /version: TLS: the certificate of localhost:" + api.url().getPort()
          + " names no host in a subjectAltName (its CN is not checked)",
          version.get("message").getAsString());
      assertEquals("regenerate the server certificate with a subjectAltName for the host in the"
          + " URL (RFC 6125; browsers and kubectl refuse it, too)",
          version.get("hint").getAsString());
      assertEquals("tls-no-subject-alt-name",
          AgentOutput.source(r, "kube/readyz").get("anchor").getAsString());
      assertEquals(List.of(), api.received(), "the token went to an unverified server");
    }
  }

  @Test
  void theSameNameInASubjectAltNamePasses() throws Exception {
    KeyStore withSan = pki.serverKeyStoreWithCn(later(), "localhost", "localhost");
    try (LocalApiServer api = server(withSan)) {
      AgentProcess.Result r = agent(api);
      assertEquals("ok", AgentOutput.source(r, "kube/version").get("state").getAsString());
      assertEquals("ok", AgentOutput.source(r, "kube/readyz").get("state").getAsString());
    }
  }

  private LocalApiServer server(KeyStore keys) {
    return LocalApiServer.start(keys, token).on("/version", LocalApiServer.json(200,
        "{\"major\":\"1\",\"minor\":\"33\",\"gitVersion\":\"v1.33.4\"}"));
  }

  private AgentProcess.Result agent(LocalApiServer api) throws Exception {
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, token + "\n");
    Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    Path caFile = dir.resolve("ca.crt");
    Files.writeString(caFile, pki.caPem());
    AgentProcess.Result r = AgentProcess.runJar(List.of("--cluster-name", "it",
        "--api-server-url", "https://localhost:" + api.url().getPort(), "--token-file",
        tokenFile.toString(), "--ca-file", caFile.toString(), "--proxy", "NO_PROXY",
        "--deadline", "30", "--monitored-objects", "nodes", "-v", "--debug"));
    assertEquals(0, r.exitCode(), r.stderr());
    assertFalse(r.stdout().contains(token) || r.stderr().contains(token), "the token is out");
    return r;
  }

  private static Instant later() {
    return Instant.now().plus(Duration.ofDays(1));
  }
}
