package io.kubemon.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.beust.jcommander.Parameter;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubemon.agent.http.TestPki;
import io.kubemon.agent.source.kubelet.KubeletSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's process contract up to collecting: exit codes, --help, --print-config. */
class KubemonAgentTest {
  private static final String SECRET = "plain-secret-value-1234";
  @TempDir Path dir;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @Test
  void helpListsEveryOptionWithItsDefault() {
    assertEquals(0, run("--help"));
    String help = out();
    for (Field field : AgentArgs.class.getDeclaredFields()) {
      Parameter p = field.getAnnotation(Parameter.class);
      if (p != null) {
        for (String name : p.names()) {
          assertTrue(help.contains(name), "--help lacks " + name);
        }
      }
    }
    assertTrue(help.contains("Default: FROM_ENVIRONMENT"), help);
    assertTrue(help.contains("Sub-commands"), help);
    assertTrue(help.contains(KubeletSource.WARNING), "--help lacks the nodes/proxy warning");
  }

  @Test
  void printConfigShowsEveryOptionButNeverTheToken() throws Exception {
    Path ca = dir.resolve("ca.crt");
    Files.writeString(ca, new TestPki("k3s-server-ca").caPem());
    assertEquals(0, run("--cluster-name", "k3s", "--cluster-host", "k3s-host",
        "--api-server-url", "https://127.0.0.1:6443/", "--token", SECRET, "--ca-file",
        ca.toString(), "--usage-sources", "prometheus,metrics-api", "--promql", "up|count|up",
        "--namespace-include", "^prod-", "--deadline", "40", "--read-timeout", "1.5",
        "--print-config"));
    assertEquals("agent_kubemon: warning: " + ConfigValidator.TOKEN_ON_ARGV + "\n", err());
    assertFalse(out().contains(SECRET));
    assertEquals(1, out().lines().count(), "one JSON object on one line");
    JsonObject c = JsonParser.parseString(out()).getAsJsonObject();
    assertEquals("****", c.get("token").getAsString());
    assertEquals("argument", c.get("token_source").getAsString());
    assertEquals("https://127.0.0.1:6443", c.get("api_server_url").getAsString());
    assertEquals("k3s-host", c.get("cluster_host").getAsString());
    JsonObject caJson = c.getAsJsonObject("ca");
    assertEquals("file", caJson.get("source").getAsString());
    assertEquals(ca.toString(), caJson.get("path").getAsString());
    assertEquals("CN=k3s-server-ca", caJson.getAsJsonArray("subjects").get(0).getAsString());
    assertEquals(40, c.get("deadline").getAsInt());
    assertEquals("40", c.get("deadline").toString(), "whole seconds print as integers");
    assertEquals(1.5, c.get("read_timeout").getAsDouble());
    assertEquals("[\"prometheus\",\"metrics-api\"]", c.get("usage_sources").toString());
    assertEquals("[{\"name\":\"up\",\"unit\":\"count\",\"query\":\"up\"}]",
        c.get("promql").toString());
    assertEquals("[\"^prod-\"]", c.get("namespace_include").toString());
    Set<String> keys = new TreeSet<>(c.keySet());
    assertEquals(new TreeSet<>(List.of("cluster_name", "cluster_host", "api_server_url", "token",
        "token_source", "ca", "no_cert_check", "proxy", "connect_timeout", "read_timeout",
        "deadline", "monitored_objects", "namespace_include", "namespace_exclude",
        "annotation_pattern", "all_annotations", "allow_http", "kubelet_health",
        "aggregation_exclude_node_roles", "usage_sources",
        "prometheus_service", "prometheus_url", "prometheus_ca", "prometheus_no_cert_check",
        "promql", "custom_metric", "kubelet_concurrency", "page_size", "limits", "debug", "verbose")), keys);
  }

  @Test
  void versionPrintsTheVersion() {
    assertEquals(0, run("--version"));
    assertEquals("agent_kubemon " + Version.AGENT + "\n", out());
    assertEquals("", err());
  }

  @Test
  void helpExplainsThePositionalHostInItsOwnWords() {
    assertEquals(0, run("--help"));
    assertFalse(out().contains("seed"), "--help speaks of the seed: " + out());
    assertTrue(out().contains("[HOST]"), out());
  }

  @Test
  void theOldAgentsCommandLineRunsAndWarnsOnceAboutTheToken() {
    // Checkmk's old agent_kubernetes README: agent_kubernetes --port 8443 --no-cert-check
    // --token ... HOST, plus --infos from 1.6 on.
    assertEquals(0, run("--port", "8443", "--no-cert-check", "--token", SECRET, "--infos",
        "nodes,pods,services", "--path-prefix", "k8s/clusters/c-1/", "192.168.49.2",
        "--print-config"));
    JsonObject c = JsonParser.parseString(out()).getAsJsonObject();
    assertEquals("192.168.49.2", c.get("cluster_name").getAsString());
    assertEquals("https://192.168.49.2:8443/k8s/clusters/c-1",
        c.get("api_server_url").getAsString());
    assertEquals("[\"nodes\",\"pods\"]", c.get("monitored_objects").toString());
    List<String> warnings = err().lines().toList();
    assertEquals(2, warnings.size(), err());
    assertEquals(1, warnings.stream().filter(l -> l.contains("process list")).count(), err());
    assertTrue(err().contains("--token-file") && err().contains("password store"), err());
    assertTrue(warnings.stream().allMatch(l -> l.startsWith("agent_kubemon: warning: ")), err());
    assertFalse(err().contains(SECRET) || out().contains(SECRET));
  }

  @Test
  void printConfigDoesNotOpenThePasswordStore() {
    assertEquals(0, run("--cluster-name", "c", "--api-server-url", "https://k",
        "--token-id", "kubemon_token:/omd/sites/none/var/check_mk/stored_passwords",
        "--print-config"));
    JsonObject c = JsonParser.parseString(out()).getAsJsonObject();
    assertEquals("password_store", c.get("token_source").getAsString());
    assertEquals("kubemon_token", c.get("token_id").getAsString());
    assertEquals("/omd/sites/none/var/check_mk/stored_passwords",
        c.get("token_store").getAsString());
  }

  @Test
  void aBadCommandLineIsExitTwoWithOneLine() {
    assertEquals(2, run("--cluster-name", "c", "--api-server-url", "10.0.0.1:6443",
        "--token", SECRET));
    assertEquals("agent_kubemon: --api-server-url must be https://HOST[:PORT], got"
        + " \"10.0.0.1:6443\"\n", err());
    assertEquals("", out());
  }

  @Test
  void aMissingOptionValueIsExitTwo() {
    assertEquals(2, run("--cluster-name", "c", "--token"));
    assertEquals(1, err().lines().count(), err());
    assertTrue(err().startsWith("agent_kubemon: ") && err().contains("--token"), err());
  }

  @Test
  void anUnreadableTokenFileIsExitTwo() {
    Path missing = dir.resolve("token");
    assertEquals(2, run("--cluster-name", "c", "--api-server-url", "https://127.0.0.1:1",
        "--token-file", missing.toString()));
    assertEquals("agent_kubemon: --token-file " + missing
        + " cannot be read (NoSuchFileException)\n", err());
  }

  @Test
  void anUnreadableCaIsExitTwo() {
    Path missing = dir.resolve("ca.crt");
    assertEquals(2, run("--cluster-name", "c", "--api-server-url", "https://k", "--token", "t",
        "--ca-file", missing.toString(), "--print-config"));
    assertEquals("agent_kubemon: --ca-file " + missing
        + " cannot be read (NoSuchFileException)\n", err());
  }

  @Test
  void noAtFileExpansion() throws Exception {
    Path file = dir.resolve("args");
    Files.writeString(file, "--cluster-name from-file");
    assertEquals(0, run("--cluster-name", "c", "--api-server-url", "https://k",
        "--token", "@" + file, "--print-config"));
    assertEquals("c", JsonParser.parseString(out()).getAsJsonObject()
        .get("cluster_name").getAsString());
  }

  private int run(String... argv) {
    return KubemonAgent.run(argv, new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8), Map.of());
  }

  private String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }
}
