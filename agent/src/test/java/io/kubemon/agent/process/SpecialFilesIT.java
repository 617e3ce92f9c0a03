package io.kubemon.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubemon.agent.http.LocalApiServer;
import io.kubemon.agent.http.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token, CA and password-store files (issue 18, class 5): only regular files are read. A FIFO
 * used to block the agent forever and /dev/zero to read until OutOfMemoryError; now each is one
 * line naming the option and the file, exit 2. The agent process runs under AgentProcess's
 * time-out, so a regression fails the test instead of hanging the build. A token file's first
 * line alone is the token.
 */
class SpecialFilesIT {
  private final String token = "it-token-" + UUID.randomUUID();
  private final TestPki pki = new TestPki("kubemon-files-it-ca");
  private LocalApiServer api;
  @TempDir Path dir;
  private Path tokenFile;
  private Path caFile;

  @BeforeEach
  void start() throws Exception {
    api = LocalApiServer.start(pki.localServerKeyStore(), token).on("/version",
        LocalApiServer.json(200, "{\"major\":\"1\",\"minor\":\"33\",\"gitVersion\":\"v1.33.4\"}"));
    tokenFile = dir.resolve("token");
    writePrivate(tokenFile, token + "\n");
    caFile = dir.resolve("ca.crt");
    Files.writeString(caFile, pki.caPem());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void aFifoAsTokenFileIsRefusedAtOnce() throws Exception {
    Path fifo = fifo("token.fifo");
    assertRefused(run(Map.of(), "--token-file", fifo.toString(), "--ca-file", caFile.toString()),
        "--token-file " + fifo + " is a FIFO (named pipe)");
  }

  @Test
  void aFifoAsCaFileIsRefusedAtOnce() throws Exception {
    Path fifo = fifo("ca.fifo");
    assertRefused(run(Map.of(), "--token-file", tokenFile.toString(), "--ca-file",
        fifo.toString()), "--ca-file " + fifo + " is a FIFO (named pipe)");
  }

  @Test
  void aFifoAsPasswordStoreOrItsSecretIsRefusedAtOnce() throws Exception {
    Path store = fifo("stored_passwords");
    Path secret = dir.resolve("password_store.secret");
    writePrivate(secret, "s".repeat(256));
    assertRefused(run(Map.of("PASSWORD_STORE_SECRET_FILE", secret.toString()),
        "--token-id", "kubemon:" + store, "--ca-file", caFile.toString()),
        "--token-id: the password store " + store + " is a FIFO (named pipe)");
    Path secretFifo = fifo("secret.fifo");
    Path realStore = dir.resolve("store");
    writePrivate(realStore, "x".repeat(64));
    assertRefused(run(Map.of("PASSWORD_STORE_SECRET_FILE", secretFifo.toString()),
        "--token-id", "kubemon:" + realStore, "--ca-file", caFile.toString()),
        "--token-id: the password store secret " + secretFifo + " is a FIFO (named pipe)");
  }

  @Test
  void devZeroIsRefusedAtOnce() throws Exception {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero), "no /dev/zero on this system");
    assertRefused(run(Map.of(), "--token-file", zero.toString(), "--ca-file", caFile.toString()),
        "--token-file /dev/zero is a character device");
    assertRefused(run(Map.of(), "--token-file", tokenFile.toString(), "--ca-file",
        zero.toString()), "--ca-file /dev/zero is a character device");
  }

  @Test
  void aDirectoryIsRefused() throws Exception {
    assertRefused(run(Map.of(), "--token-file", tokenFile.toString(), "--ca-file",
        dir.toString()), "--ca-file " + dir + " is a directory");
  }

  @Test
  void onlyTheTokenFilesFirstLineIsSentAndMoreLinesGetAWarning() throws Exception {
    String second = "second-line-" + UUID.randomUUID();
    writePrivate(tokenFile, token + "\r\n" + second + "\n\n");
    AgentProcess.Result r = run(Map.of(), "--token-file", tokenFile.toString(), "--ca-file",
        caFile.toString(), "-v");
    assertEquals(0, r.exitCode(), r.stderr());
    // The server answers only "Bearer " + token: the first line, without its CR.
    assertEquals("ok", AgentOutput.source(r, "kube/version").get("state").getAsString());
    assertTrue(api.received().stream().allMatch(q -> ("Bearer " + token).equals(
        q.authorization())), "" + api.received());
    assertTrue(r.stderr().contains("agent_kubemon: warning: --token-file " + tokenFile
        + " has 1 more line after the token; only the first line is used as the token\n"),
        r.stderr());
    for (String secret : List.of(token, second)) {
      assertFalse(r.stdout().contains(secret) || r.stderr().contains(secret),
          "a line of the token file is in the output");
    }
  }

  private static void assertRefused(AgentProcess.Result r, String start) {
    assertEquals(2, r.exitCode(), r.stderr());
    assertEquals("", r.stdout());
    assertEquals("agent_kubemon: " + start
        + ", not a regular file; give the path of the file itself\n", r.stderr());
  }

  private AgentProcess.Result run(Map<String, String> env, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--cluster-name", "it", "--api-server-url",
        api.url().toString(), "--proxy", "NO_PROXY", "--deadline", "30",
        "--monitored-objects", "nodes"));
    args.addAll(List.of(extra));
    return AgentProcess.runJar(args, env);
  }

  private Path fifo(String name) throws Exception {
    Path fifo = dir.resolve(name);
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      assumeTrue(false, "no mkfifo on this system: " + e.getMessage());
      throw e;
    }
    assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
    assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo));
    return fifo;
  }

  private static void writePrivate(Path file, String text) throws Exception {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }
}
