package io.kubemon.agent.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kubemon.agent.source.kube.FixtureApi;
import io.kubemon.agent.source.kube.FixtureApi.Absent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @Test
  void k3sOutputHasEveryObjectHost() {
    Path dir = Fixtures.recording("k3s-v1.33.4-troubleshoot");
    String out = Fixtures.run(new FixtureApi(dir, Absent.EMPTY_LIST), Fixtures.options("k3s"));
    List<String> hosts =
        List.of(
            "node_k3s_c9b7eea91",
            "pod_k3s_default_backend-api-75fb46b7bd-xtkrh",
            "pod_k3s_default_cpu-intensive-app-7bcfc5d944-hw2vc",
            "pod_k3s_kube-system_coredns-64fd4b4794-p72lf",
            "pod_k3s_kube-system_helm-install-traefik-vdfpr",
            "pod_k3s_kube-system_svclb-traefik-9ce4920b-v8m6k",
            "deployment_k3s_default_backend-api",
            "deployment_k3s_kube-system_coredns",
            "namespace_k3s_default",
            "namespace_k3s_kube-system");
    for (String host : hosts) {
      assertTrue(out.contains("<<<<" + host + ">>>>\n"), "no piggyback host " + host);
    }
    assertTrue(out.matches("(?s).*<<<<daemonset_k3s_kube-system_svclb-traefik-[0-9a-f]+>>>>\n.*"));
    String crashing = block(out, "pod_k3s_default_backend-api-75fb46b7bd-xtkrh");
    assertTrue(crashing.contains("\"status\":\"CrashLoopBackOff\""), crashing);
    String coredns = block(out, "pod_k3s_kube-system_coredns-64fd4b4794-p72lf");
    assertTrue(
        coredns.contains(
            "\"controllers\":[{\"kind\":\"ReplicaSet\",\"name\":\"coredns-64fd4b4794\"},"
                + "{\"kind\":\"Deployment\",\"name\":\"coredns\"}]"),
        coredns);
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
