package io.kubemon.agent.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubemon.agent.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MaskedStreamTest {
  @Test
  void theTokenNeverReachesStderrEvenSplitAcrossWrites() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err =
        MaskedStream.wrap(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            Secret.of("tok-9a8b7c6d"));
    err.print("Authorization: Bearer tok-9a");
    err.print("8b7c6d é\n");
    new IllegalStateException("echo tok-9a8b7c6d").printStackTrace(err);
    err.print("no line end tok-9a8b7c6d");
    err.flush();
    assertEquals(-1, bytes.toString(StandardCharsets.UTF_8).indexOf("no line end"));
    err.close();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(-1, text.indexOf("tok-9a8b7c6d"), text);
    assertEquals(true, text.startsWith("Authorization: Bearer *** é\n"), text);
    assertEquals(true, text.contains("echo ***"), text);
    assertEquals(true, text.endsWith("no line end ***"), text);
  }
}
