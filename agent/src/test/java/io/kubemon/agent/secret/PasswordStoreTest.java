package io.kubemon.agent.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubemon.agent.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stores are written by Python the way Checkmk writes them (hashlib.scrypt + the cryptography
 * package's AES-GCM, tag moved in front of the ciphertext), so the Java reader is checked against
 * an independent encoder, not against itself.
 */
class PasswordStoreTest {
  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.fixture-token.sig";
  private static final String SECRET = "site-master-secret-7f3a";

  /** Mirrors cmk/utils/password_store/_pwstore.py: PasswordStore.encrypt and save. */
  private static final String ENCODER =
      String.join(
          "\n",
          "import hashlib, os, sys",
          "from cryptography.hazmat.primitives.ciphers.aead import AESGCM",
          "secret = open(sys.argv[1], 'rb').read()",
          "lines = sys.argv[3:]",
          "plain = ('\\n'.join(lines) + '\\n').encode('utf-8')",
          "salt, nonce = os.urandom(16), os.urandom(16)",
          "key = hashlib.scrypt(secret, salt=salt, n=2**14, r=8, p=1, dklen=32)",
          "sealed = AESGCM(key).encrypt(nonce, plain, None)",
          "encrypted, tag = sealed[:-16], sealed[-16:]",
          "data = (0).to_bytes(2, 'big') + salt + nonce + tag + encrypted",
          "open(sys.argv[2], 'wb').write(data)");

  @TempDir Path dir;

  @BeforeAll
  static void needsPythonCryptography() throws Exception {
    assumeTrue(
        run(List.of("/usr/bin/python3", "-c", "import cryptography")) == 0,
        "skipped: /usr/bin/python3 with the cryptography package is needed to write a store");
  }

  @Test
  void readsTheIdWrittenByCheckmksEncoder() throws Exception {
    Path store = store("other:pw", "kube_token:" + TOKEN, "uuid1234:a:b:c");
    assertEquals(TOKEN, PasswordStore.lookup("kube_token:" + store, env()).reveal());
    assertEquals("a:b:c", PasswordStore.lookup("uuid1234:" + store, env()).reveal());
  }

  @Test
  void fallsBackToTheSiteSecretUnderOmdRoot() throws Exception {
    Path store = store("kube_token:" + TOKEN);
    Path site = Files.createDirectories(dir.resolve("site/etc"));
    Files.copy(dir.resolve("secret"), site.resolve("password_store.secret"));
    Map<String, String> env = Map.of("OMD_ROOT", dir.resolve("site").toString());
    assertEquals(TOKEN, PasswordStore.lookup("kube_token:" + store, env).reveal());
  }

  @Test
  void aFlippedByteIsReportedAsTampering() throws Exception {
    Path store = store("kube_token:" + TOKEN);
    byte[] bytes = Files.readAllBytes(store);
    bytes[bytes.length - 3] ^= 0x01;
    Files.write(store, bytes);
    String message = failure("kube_token:" + store, env());
    assertTrue(message.contains("GCM tag mismatch"), message);
  }

  @Test
  void aWrongMasterSecretIsReportedAsTampering() throws Exception {
    Path store = store("kube_token:" + TOKEN);
    Files.writeString(dir.resolve("secret"), "another site");
    assertTrue(failure("kube_token:" + store, env()).contains("GCM tag mismatch"));
  }

  @Test
  void anUnknownIdNamesTheId() throws Exception {
    Path store = store("kube_token:" + TOKEN);
    String message = failure("kube_tokn:" + store, env());
    assertTrue(message.contains("\"kube_tokn\" is not in the password store"), message);
  }

  @Test
  void aMissingSecretFileNamesTheFile() throws Exception {
    Path store = store("kube_token:" + TOKEN);
    Path missing = dir.resolve("nope.secret");
    String message =
        failure("kube_token:" + store, Map.of("PASSWORD_STORE_SECRET_FILE", missing.toString()));
    assertTrue(message.contains("password store secret " + missing), message);
  }

  @Test
  void noEnvironmentSaysWhatToSet() throws Exception {
    Path store = store("kube_token:" + TOKEN);
    assertTrue(failure("kube_token:" + store, Map.of()).contains("PASSWORD_STORE_SECRET_FILE"));
  }

  @Test
  void anUnknownVersionIsNamed() throws Exception {
    Path store = store("kube_token:" + TOKEN);
    byte[] bytes = Files.readAllBytes(store);
    bytes[1] = 7;
    Files.write(store, bytes);
    assertTrue(failure("kube_token:" + store, env()).contains("format version 7"));
  }

  @Test
  void aMissingStoreAndABadReferenceAreNamed() throws Exception {
    store("kube_token:" + TOKEN);
    Path missing = dir.resolve("absent");
    assertTrue(failure("kube_token:" + missing, env()).contains("password store " + missing));
    assertTrue(failure("kube_token", env()).contains("<password id>:<password store file>"));
    assertTrue(failure(":" + missing, env()).contains("<password id>:<password store file>"));
  }

  private String failure(String reference, Map<String, String> env) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> PasswordStore.lookup(reference, env));
    assertFalse(e.getMessage().contains(TOKEN), "the token leaked into: " + e.getMessage());
    assertFalse(e.getMessage().contains(SECRET), "the secret leaked into: " + e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "not one line: " + e.getMessage());
    return e.getMessage();
  }

  private Map<String, String> env() {
    return Map.of("PASSWORD_STORE_SECRET_FILE", dir.resolve("secret").toString());
  }

  private Path store(String... lines) throws Exception {
    Path secret = dir.resolve("secret");
    Files.writeString(secret, SECRET, StandardCharsets.UTF_8);
    Path script = dir.resolve("encode.py");
    Files.writeString(script, ENCODER);
    Path store = dir.resolve("stored_passwords");
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of("/usr/bin/python3", script.toString(), secret.toString(), store.toString()));
    cmd.addAll(List.of(lines));
    assertEquals(0, run(cmd), "the Python encoder failed");
    return store;
  }

  private static int run(List<String> command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).inheritIO().start();
    } catch (IOException e) {
      return -1;
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
