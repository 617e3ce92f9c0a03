package io.kubemon.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemon.agent.ConfigurationException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxySettingTest {
  private static final URI PROXY = URI.create("http://proxy.corp:3128");
  private static final Map<String, String> ENV =
      Map.of("https_proxy", "proxy.corp:3128", "no_proxy", "localhost,.svc.cluster,10.0.0.0/8");

  @Test
  void keywordsAndUrls() throws Exception {
    assertEquals(ProxySetting.FROM_ENVIRONMENT, ProxySetting.parse("--proxy", "FROM_ENVIRONMENT"));
    assertEquals(ProxySetting.NO_PROXY, ProxySetting.parse("--proxy", "NO_PROXY"));
    ProxySetting url = ProxySetting.parse("--proxy", "http://squid:3128");
    assertEquals(Optional.of(URI.create("http://squid:3128")), at(url, https("k8s"), Map.of()));
    assertEquals("http://squid:3128", url.toString());
  }

  @Test
  void badValuesNameTheOption() {
    for (String bad : new String[] {"squid:3128", "ftp://squid:21", "from_environment", ""}) {
      ConfigurationException e =
          assertThrows(ConfigurationException.class, () -> ProxySetting.parse("--proxy", bad));
      assertEquals("--proxy must be http://[USER:PASSWORD@]HOST:PORT, FROM_ENVIRONMENT or"
          + " NO_PROXY, got \"" + bad + "\"", e.getMessage());
    }
  }

  @Test
  void theEnvironmentProxyIsUsedUnlessNoProxyMatches() {
    ProxySetting env = ProxySetting.FROM_ENVIRONMENT;
    assertEquals(Optional.of(PROXY), at(env, https("k8s.example"), ENV));
    assertEquals(Optional.empty(), at(env, https("localhost"), ENV));
    assertEquals(Optional.empty(), at(env, https("api.svc.cluster"), ENV));
    assertEquals(Optional.empty(), at(env, https("10.43.0.1"), ENV));
    assertEquals(Optional.of(PROXY), at(env, https("11.0.0.1"), ENV));
    assertEquals(Optional.empty(), at(env, https("k8s.example"), Map.of()));
    assertEquals(Optional.empty(), at(ProxySetting.NO_PROXY, https("k8s.example"), ENV));
  }

  @Test
  void plainHttpTargetsUseHttpProxy() {
    Map<String, String> env =
        Map.of("http_proxy", "http://plain:80", "https_proxy", "http://tls:80");
    assertEquals(Optional.of(URI.create("http://plain:80")),
        at(ProxySetting.FROM_ENVIRONMENT, URI.create("http://prometheus:30999"), env));
    assertEquals(Optional.of(URI.create("http://tls:80")),
        at(ProxySetting.FROM_ENVIRONMENT, URI.create("https://prometheus:30999"), env));
  }

  @Test
  void upperCaseVariablesCount() {
    Map<String, String> env = Map.of("HTTPS_PROXY", "http://p:8080", "NO_PROXY", "*");
    assertEquals(Optional.empty(), at(ProxySetting.FROM_ENVIRONMENT, https("k8s"), env));
    assertEquals(Optional.of(URI.create("http://p:8080")),
        at(ProxySetting.FROM_ENVIRONMENT, https("k8s"), Map.of("HTTPS_PROXY", "http://p:8080")));
  }

  @Test
  void noProxyMatchesDomainsNotSubstrings() {
    assertTrue(ProxySetting.bypassed("a.example.com", "example.com"));
    assertFalse(ProxySetting.bypassed("badexample.com", "example.com"));
    assertTrue(ProxySetting.bypassed("192.168.1.7", "192.168.0.0/16"));
    assertFalse(ProxySetting.bypassed("192.169.1.7", "192.168.0.0/16"));
  }

  @Test
  void credentialsAreDecodedKeptApartAndNeverPrinted() throws Exception {
    ProxySetting url = ProxySetting.parse("--proxy", "http://proxy%20user:p%40ss:w+rd@squid:3128");
    ProxySetting.Proxy proxy = url.forUrl(https("k8s"), Map.of()).orElseThrow();
    assertEquals(URI.create("http://squid:3128"), proxy.url());
    assertEquals("proxy user", proxy.credentials().user());
    assertEquals("p@ss:w+rd", proxy.credentials().password());
    assertEquals("http://squid:3128 (with credentials)", url.toString());
    assertFalse(proxy.toString().contains("ss") || proxy.credentials().toString().contains("ss"));
    Map<String, String> env = Map.of("https_proxy", "http://u:secret@envproxy:8080",
        "http_proxy", "u2:secret2@plain:80");
    ProxySetting.Proxy fromEnv =
        ProxySetting.FROM_ENVIRONMENT.forUrl(https("k8s"), env).orElseThrow();
    assertEquals("secret", fromEnv.credentials().password());
    assertEquals("http://envproxy:8080 (with credentials)", fromEnv.toString());
    assertEquals("secret2", ProxySetting.FROM_ENVIRONMENT
        .forUrl(URI.create("http://prom:9090"), env).orElseThrow().credentials().password());
  }

  @Test
  void aBadProxyWithCredentialsIsRefusedWithoutThem() {
    for (String bad : new String[] {"ftp://u:secret@squid:21", "http://u:secret@squid:3128/path",
        "u:secret@squid:3128", "http://secret@squid:3128"}) {
      ConfigurationException e =
          assertThrows(ConfigurationException.class, () -> ProxySetting.parse("--proxy", bad));
      assertFalse(e.getMessage().contains("secret"), e.getMessage());
      assertTrue(e.getMessage().contains("***@squid"), e.getMessage());
    }
  }

  private static Optional<URI> at(ProxySetting setting, URI target, Map<String, String> env) {
    return setting.forUrl(target, env).map(ProxySetting.Proxy::url);
  }

  private static URI https(String host) {
    return URI.create("https://" + host + ":6443");
  }
}
