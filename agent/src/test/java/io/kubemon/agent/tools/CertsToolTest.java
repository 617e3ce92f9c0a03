package io.kubemon.agent.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chain, names and caBundle are verified from the manifests' side in kubemon-manifests. */
class CertsToolTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void aSecondRunKeepsTheCaAndSoTheCaBundle() throws Exception {
    assertEquals(0, run("--out", dir.toString()), err.toString());
    String firstBundle = caBundle();
    String firstSecrets = Files.readString(dir.resolve("tls-secrets.yaml"));
    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(dir.resolve("ca.key")));
    out.reset();
    assertEquals(0, run("--out", dir.toString(), "--days", "30"), err.toString());
    assertEquals(firstBundle, caBundle());
    assertTrue(out.toString().contains("Reused the CA"), out.toString());
    assertNotEquals(firstSecrets, Files.readString(dir.resolve("tls-secrets.yaml")));
  }

  @Test
  void filesWithPrivateKeysAreOwnerOnlyEvenOverAWiderOldFile() throws Exception {
    Set<PosixFilePermission> ownerOnly =
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    // An old run's file, as the previous version wrote it: readable by everyone.
    Files.writeString(dir.resolve("tls-secrets.yaml"), "old",
        java.nio.charset.StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(dir.resolve("tls-secrets.yaml"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(0, run("--out", dir.toString()), err.toString());
    String secrets = Files.readString(dir.resolve("tls-secrets.yaml"));
    assertTrue(secrets.contains("tls.key:"), "the serving keys are in tls-secrets.yaml");
    assertEquals(ownerOnly, Files.getPosixFilePermissions(dir.resolve("tls-secrets.yaml")));
    assertEquals(ownerOnly, Files.getPosixFilePermissions(dir.resolve("ca.key")));
  }

  @Test
  void aHalfCaIsRefused() throws Exception {
    assertEquals(0, run("--out", dir.toString()));
    Files.delete(dir.resolve("ca.key"));
    assertEquals(2, run("--out", dir.toString()));
    assertEquals(
        "certs: --out: "
            + dir.resolve("ca.key")
            + " is missing while "
            + dir.resolve("ca.crt")
            + " exists; restore it, or use an empty --out for a new CA\n",
        err.toString());
  }

  @Test
  void badOptionsGetOneLine() {
    assertEquals(2, run("--out", dir.toString(), "--days", "0"));
    assertEquals("certs: --days must be between 1 and 3650, got 0\n", err.toString());
    err.reset();
    assertEquals(2, run("--days", "3"));
    assertTrue(
        err.toString().startsWith("certs: The following option is required: [--out]"),
        err.toString());
    assertEquals(1, err.toString().lines().count());
  }

  private String caBundle() {
    return out.toString().lines().filter(l -> l.startsWith("caBundle: ")).findFirst().orElseThrow();
  }

  private int run(String... args) {
    return new CertsTool()
        .run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
