package io.kubemon.agent.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kubemon.agent.source.kube.FixtureApi;
import io.kubemon.agent.source.kube.FixtureApi.Absent;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole agent output over each recorded cluster, compared with a reviewed golden file.
 * Regenerate with {@code -Dkubemon.golden.update=true} and review the diff; a missing golden file
 * fails.
 */
class GoldenOutputTest {

  /**
   * k3s records every kind it has, so what it lacks (jobs, volumes, quotas, ReplicaSets outside
   * kube-system) is served as an empty list; the partial sets serve what they lack as 404, which
   * also shows a failing list costing only its own sections.
   */
  static Stream<Arguments> recordings() {
    return Stream.of(
        Arguments.of("k3s-v1.33.4-troubleshoot", "k3s", Absent.EMPTY_LIST),
        Arguments.of("kurl-monitoring-troubleshoot", "kurl", Absent.NOT_FOUND),
        Arguments.of("minikube-v1.35.0-nri-kubernetes", "minikube", Absent.NOT_FOUND));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordings")
  void outputMatchesGoldenFile(String fixture, String cluster, Absent absent) throws IOException {
    Path dir = Fixtures.recording(fixture);
    String actual = Fixtures.run(new FixtureApi(dir, absent), Fixtures.options(cluster));
    Path golden = goldenFile(fixture);
    if (Boolean.getBoolean("kubemon.golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(golden)) {
      fail(
          "golden file "
              + golden
              + " is missing: run with -Dkubemon.golden.update=true and review it");
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual);
  }

  /** {@code <type>_k3s_<namespace>_<name>} for every item of the recorded lists of a kind. */
  private static List<String> recordedHosts(Path dir, String resource, String type)
      throws IOException {
    List<String> hosts = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith(resource)).toList()) {
        JsonElement items = JsonParser.parseString(Files.readString(f)).getAsJsonObject().get("items");
        for (JsonElement item : items.isJsonArray() ? items.getAsJsonArray() : new JsonArray()) {
          JsonObject meta = item.getAsJsonObject().getAsJsonObject("metadata");
          String ns = meta.has("namespace") ? meta.get("namespace").getAsString() + "_" : "";
          hosts.add(type + "_k3s_" + ns + meta.get("name").getAsString());
        }
      }
    }
    return hosts;
  }

  @Test
  void k3sOutputHasAHostForEveryRecordedObject() throws IOException {
    Path dir = Fixtures.recording("k3s-v1.33.4-troubleshoot");
    String out = Fixtures.run(new FixtureApi(dir, Absent.EMPTY_LIST), Fixtures.options("k3s"));
    Map<String, String> kinds =
        Map.of(
            "nodes", "node", "pods-", "pod", "deployments-", "deployment", "daemonsets-", "daemonset");
    Map<String, String> firstSection =
        Map.of(
            "node", "kubemon_node_info_v1",
            "pod", "kubemon_pod_info_v3",
            "deployment", "kubemon_workload_info_v2",
            "daemonset", "kubemon_workload_info_v2");
    int checked = 0;
    for (Map.Entry<String, String> kind : kinds.entrySet()) {
      for (String host : recordedHosts(dir, kind.getKey(), kind.getValue())) {
        assertTrue(
            block(out, host).contains("<<<" + firstSection.get(kind.getValue()) + ":sep(0)>>>"),
            host);
        checked++;
      }
    }
    assertEquals(1 + 13 + 7 + 1, checked, "node, pods, deployments, daemonsets in the recording");
    String crashing = block(out, "pod_k3s_default_backend-api-75fb46b7bd-xtkrh");
    assertTrue(crashing.contains("\"status\":\"CrashLoopBackOff\""), crashing);
    String coredns = block(out, "pod_k3s_kube-system_coredns-64fd4b4794-p72lf");
    assertTrue(
        coredns.contains(
            "\"controllers\":[\"ReplicaSet/coredns-64fd4b4794\",\"Deployment/coredns\"]"),
        coredns);
  }

  /** The _v2 pod sections of real pods: defaults and repeats left out, the rest written. */
  @Test
  void k3sPodSectionsLeaveOutDefaultsAndRepeats() throws IOException {
    Path dir = Fixtures.recording("k3s-v1.33.4-troubleshoot");
    String out = Fixtures.run(new FixtureApi(dir, Absent.EMPTY_LIST), Fixtures.options("k3s"));
    Map<String, List<JsonElement>> coredns =
        SectionShapeTest.sections(block(out, "pod_k3s_kube-system_coredns-64fd4b4794-p72lf"));
    JsonObject info = coredns.get("kubemon_pod_info_v3").get(0).getAsJsonObject();
    // name, namespace, node, controllers are the labels' own; status = phase; policies not usual
    for (String repeated : List.of("name", "namespace", "node", "controllers", "status")) {
      assertFalse(info.has(repeated), repeated + " in " + info);
    }
    assertEquals("Default", info.get("dns_policy").getAsString(), info.toString());
    assertFalse(info.has("restart_policy"), "Always is the default: " + info);
    assertFalse(info.has("host_network"), "false is the default: " + info);
    assertFalse(info.has("phase"), "Running is the default: " + info);
    // its CPU and memory requests are its containers' (kubemon_pod_containers_v2) alone
    assertFalse(coredns.containsKey("kubemon_cpu_resources_v2"), coredns.keySet().toString());
    assertFalse(coredns.containsKey("kubemon_memory_resources_v2"), coredns.keySet().toString());
    Map<String, List<JsonElement>> crashing =
        SectionShapeTest.sections(block(out, "pod_k3s_default_backend-api-75fb46b7bd-xtkrh"));
    JsonObject conditions = crashing.get("kubemon_pod_conditions_v3").get(0).getAsJsonObject();
    assertEquals("1757623819", conditions.get("Initialized").toString());
    // the same since as the entry before it (ContainersReady)
    assertEquals("true", conditions.get("PodScheduled").toString());
    assertEquals("False", conditions.getAsJsonObject("Ready").get("status").getAsString());
    assertEquals(
        "ContainersNotReady", conditions.getAsJsonObject("Ready").get("reason").getAsString());
    JsonObject container = crashing.get("kubemon_pod_containers_v2").get(0).getAsJsonObject()
        .getAsJsonArray("containers").get(0).getAsJsonObject();
    assertEquals("Always", container.get("image_pull_policy").getAsString());
    assertFalse(container.has("ready"), "not ready is the default: " + container);
    assertFalse(container.has("init"), container.toString());
    assertEquals(1, container.getAsJsonObject("last_state").get("exit_code").getAsInt());
    assertFalse(container.getAsJsonObject("state").has("exit_code"), container.toString());
  }

  /** The text of one piggyback block. */
  static String block(String output, String host) {
    int start = output.indexOf("<<<<" + host + ">>>>\n");
    assertTrue(start >= 0, "no piggyback host " + host);
    return output.substring(start, output.indexOf("<<<<>>>>\n", start));
  }

  private static Path goldenFile(String fixture) {
    return Path.of(
        System.getProperty("kubemon.root", "."),
        "agent",
        "src",
        "test",
        "resources",
        "golden",
        fixture,
        "agent-output.txt");
  }
}
