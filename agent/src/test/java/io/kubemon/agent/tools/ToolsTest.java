package io.kubemon.agent.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ToolsTest {
  @Test
  void bothToolsAreRegisteredByName() {
    assertInstanceOf(CertsTool.class, Tools.find("certs").orElseThrow());
    assertInstanceOf(CredentialsTool.class, Tools.find("credentials").orElseThrow());
    assertEquals(Tools.all().size(), Tools.all().stream().map(Tool::name).distinct().count());
  }

  @Test
  void helpNamesEveryOption() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertEquals(
        0, Tools.find("credentials").orElseThrow().run(new String[] {"--help"}, print, System.err));
    assertEquals(
        0, Tools.find("certs").orElseThrow().run(new String[] {"--help"}, print, System.err));
    String help = out.toString(StandardCharsets.UTF_8);
    for (String option :
        new String[] {"--kubeconfig", "--secret", "--namespace", "--out", "--days", "--san"}) {
      assertTrue(help.contains(option), option + " missing in:\n" + help);
    }
  }
}
