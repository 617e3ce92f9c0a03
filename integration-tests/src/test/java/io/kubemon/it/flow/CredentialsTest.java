package io.kubemon.it.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Reading back the printout of {@code agent_kubemon credentials} (CredentialsTool.print). */
class CredentialsTest {
  private static final String PEM_A =
      "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----";
  private static final String PEM_B =
      "-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----";

  @Test
  void tokenAndEveryCertificateOfTheBundle() throws IOException {
    Credentials c =
        Credentials.parse(
            "API server: https://127.0.0.1:6443\n\nToken (Checkmk: Setup > General > Passwords,"
                + " or the rule's token field; keep it secret):\neyJhbGciOi.x.y\n\nCA certificate"
                + " (the rule's CA field, ...):\n"
                + PEM_A + "\n" + PEM_B + "\n");
    assertEquals("eyJhbGciOi.x.y", c.token());
    assertEquals(PEM_A + "\n" + PEM_B + "\n", c.caPem());
    assertFalse(c.toString().contains("eyJ"), c.toString());
  }

  @Test
  void noCaAndNoToken() throws IOException {
    assertNull(Credentials.parse("Token (x):\nabc\n\nCA certificate: the Secret has no ca.crt;"
        + " use the cluster CA from your kubeconfig.\n").caPem());
    IOException e = assertThrows(IOException.class, () -> Credentials.parse("API server: x\n"));
    assertEquals("agent_kubemon credentials printed no line after \"Token (\"", e.getMessage());
  }
}
