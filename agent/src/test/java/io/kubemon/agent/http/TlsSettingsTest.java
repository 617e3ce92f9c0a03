package io.kubemon.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemon.agent.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {
  @TempDir Path dir;

  @Test
  void aBundleOfSeveralCasIsTrustedWhole() throws Exception {
    Path bundle = dir.resolve("ca.crt");
    Files.writeString(bundle, new TestPki("ca-one").caPem() + "\n" + new TestPki("ca-two").caPem());
    TlsSettings tls = TlsSettings.fromFile("--ca-file", bundle);
    assertEquals(List.of("CN=ca-one", "CN=ca-two"), tls.subjects());
    assertEquals("file", tls.source());
    assertEquals(bundle, tls.path());
  }

  @Test
  void onASiteTheSitesTrustedCasAreUsed() throws Exception {
    Path ssl = Files.createDirectories(dir.resolve("site/var/ssl"));
    Files.writeString(ssl.resolve("ca-certificates.crt"), new TestPki("site-ca").caPem());
    List<String> subjects =
        TlsSettings.siteCas(java.util.Map.of("OMD_ROOT", dir.resolve("site").toString())).stream()
            .map(c -> c.getSubjectX500Principal().getName())
            .toList();
    assertEquals(List.of("CN=site-ca"), subjects);
    assertEquals(List.of(), TlsSettings.siteCas(java.util.Map.of()));
    assertEquals(List.of(), TlsSettings.siteCas(java.util.Map.of("OMD_ROOT", dir.toString())));
  }

  @Test
  void inlinePemIsTheSame() throws Exception {
    TlsSettings tls = TlsSettings.fromInline("--ca-cert", new TestPki("inline-ca").caPem());
    assertEquals(List.of("CN=inline-ca"), tls.subjects());
    assertEquals("inline", tls.source());
  }

  @Test
  void aMissingFileIsOneLine() {
    Path missing = dir.resolve("nope.crt");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> TlsSettings.fromFile("--ca-file", missing));
    assertEquals("--ca-file " + missing + " cannot be read (NoSuchFileException)", e.getMessage());
  }

  @Test
  void somethingElseThanPemIsNamed() throws Exception {
    Path key = dir.resolve("token");
    Files.writeString(key, "eyJhbGciOiJSUzI1NiJ9.not-a-certificate");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> TlsSettings.fromFile("--ca-file", key));
    assertTrue(e.getMessage().startsWith("--ca-file " + key + " "), e.getMessage());
    assertTrue(e.getMessage().contains("-----BEGIN CERTIFICATE-----"), e.getMessage());
    assertThrows(ConfigurationException.class, () -> TlsSettings.fromInline("--ca-cert", ""));
  }
}
