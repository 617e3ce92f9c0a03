package io.kubemon.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubemon.it.flow.AgentOutput;
import io.kubemon.it.flow.Repository;
import io.kubemon.it.sim.cluster.GeneratedCluster;
import io.kubemon.it.sim.server.KubeSimulator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token as Checkmk hands it over, {@code --token-id} into the site's password store: it reaches
 * the API server and appears nowhere else (argv, stdout, stderr with -v and --debug stack traces of
 * failing sources); a store that does not authenticate is one line and exit 2.
 */
class TokenHygieneIT {
  private static final String ID = "kubemon_token";

  private final Repository repository = Repository.locate();
  private KubeSimulator simulator;
  private Path secretFile;
  private Path store;
  @TempDir Path dir;

  record Run(int exitCode, String stdout, String stderr, List<String> command) {}

  @BeforeEach
  void start() throws Exception {
    assumeTrue(Files.isRegularFile(repository.agentJar()), "no " + repository.agentJar());
    simulator = KubeSimulator.start();
    GeneratedCluster.seed(simulator.store(), GeneratedCluster.Spec.of(3, 1, 4));
    secretFile = Files.write(dir.resolve("password_store.secret"), randomBytes(256));
    store =
        Files.write(
            dir.resolve("stored_passwords"),
            seal("other:x\n" + ID + ":" + simulator.adminToken() + "\n"));
  }

  @AfterEach
  void stop() {
    if (simulator != null) {
      simulator.close();
    }
  }

  @Test
  void theStoredTokenReachesTheApiServerAndNothingElse() throws Exception {
    simulator.faults().status("/api/v1/pods", 403);
    simulator.faults().stall("/apis/batch/v1/jobs", java.time.Duration.ofSeconds(5));
    Run run = agent("-v", "--debug");
    assertEquals(0, run.exitCode(), run.stderr());
    AgentOutput output = AgentOutput.parse(run.stdout());
    assertTrue(
        output
            .section("", AgentRun.STATUS)
            .toString()
            .contains(
                "{\"source\":\"kube/nodes\",\"request\":\"GET /api/v1/nodes\",\"state\":\"ok\""),
        "the nodes list was read with the stored token");
    assertTrue(run.stderr().contains("forbidden"), "-v names the failure on stderr");
    assertTrue(run.stderr().contains("\tat io.kubemon.agent"), "--debug prints stack traces");
    String token = simulator.adminToken();
    assertFalse(run.stdout().contains(token), "the token is in stdout");
    assertFalse(run.stderr().contains(token), "the token is in stderr or a stack trace");
    assertFalse(String.join(" ", run.command()).contains(token), "the token is in argv");
    assertTrue(simulator.requests("/api/v1/nodes") > 0, "the token did not reach the API server");
  }

  @Test
  void aTamperedStoreIsOneLineAndExitTwo() throws Exception {
    byte[] blob = Files.readAllBytes(store);
    blob[blob.length - 1] ^= 1;
    Files.write(store, blob);
    Run run = agent();
    assertEquals(2, run.exitCode());
    assertEquals("", run.stdout());
    assertEquals(1, run.stderr().lines().count(), run.stderr());
    assertTrue(run.stderr().contains("does not authenticate (GCM tag mismatch)"), run.stderr());
  }

  @Test
  void aTokenFileOthersCanReadIsOneWarningAndTheRunGoesOn() throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("token"), simulator.adminToken());
    Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-r--r--"));
    Run run = agent("--token-file", tokenFile.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(
        "agent_kubemon: warning: --token-file "
            + tokenFile
            + " is readable by group or others; run chmod 600 on it\n",
        run.stderr());
    assertTrue(
        run.stdout().contains("\"kube/nodes\",\"request\":\"GET /api/v1/nodes\",\"state\":\"ok\""));
    assertFalse(run.stdout().contains(simulator.adminToken()), "the token is in stdout");
  }

  private Run agent(String... extra) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                repository.agentJar().toString(),
                "--cluster-name",
                "hygiene",
                "--api-server-url",
                simulator.url().toString(),
                "--ca-cert",
                simulator.caPem(),
                "--deadline",
                "3",
                "--read-timeout",
                "1",
                "--proxy",
                "NO_PROXY"));
    if (!List.of(extra).contains("--token-file")) {
      command.addAll(List.of("--token-id", ID + ":" + store));
    }
    command.addAll(List.of(extra));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PASSWORD_STORE_SECRET_FILE", secretFile.toString());
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the agent ran longer than 60 s");
    }
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        command);
  }

  /** Checkmk's store format, version 0: salt, nonce and GCM tag in front of the ciphertext. */
  private byte[] seal(String plaintext) throws IOException, GeneralSecurityException {
    byte[] salt = randomBytes(16);
    byte[] nonce = randomBytes(16);
    byte[] key = SCrypt.generate(Files.readAllBytes(secretFile), salt, 1 << 14, 8, 1, 32);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
    int text = sealed.length - 16;
    return ByteBuffer.allocate(2 + 16 + 16 + sealed.length)
        .putShort((short) 0)
        .put(salt)
        .put(nonce)
        .put(sealed, text, 16)
        .put(sealed, 0, text)
        .array();
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
