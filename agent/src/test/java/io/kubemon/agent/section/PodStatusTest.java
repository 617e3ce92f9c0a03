package io.kubemon.agent.section;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubemon.agent.model.Pod;
import io.kubemon.agent.source.kube.Recorded;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** kubectl's STATUS column, from recorded pods and from states the recordings lack. */
class PodStatusTest {

  private static Map<String, String> statuses(Path file) {
    Map<String, String> out = new TreeMap<>();
    for (Pod p : Recorded.pods(file)) {
      out.put(p.meta().name(), PodStatus.of(p));
    }
    return out;
  }

  @Test
  void k3sDefaultNamespaceAsKubectlShowsIt() {
    Path dir = Fixtures.recording("k3s-v1.33.4-troubleshoot");
    Map<String, String> got = statuses(dir.resolve("pods-default.json"));
    // backend-api waits in CrashLoopBackOff; two cpu-intensive-app replicas are unschedulable.
    assertEquals("CrashLoopBackOff", got.get("backend-api-75fb46b7bd-xtkrh"));
    assertEquals("Running", got.get("cpu-intensive-app-7bcfc5d944-9479r"));
    assertEquals("Pending", got.get("cpu-intensive-app-7bcfc5d944-hw2vc"));
    assertEquals("Running", got.get("memory-hungry-app-59c695fbfb-4vnq4"));
  }

  @Test
  void k3sFinishedHelmJobsAreCompleted() {
    Path dir = Fixtures.recording("k3s-v1.33.4-troubleshoot");
    Map<String, String> got = statuses(dir.resolve("pods-kube-system.json"));
    assertEquals("Completed", got.get("helm-install-traefik-vdfpr"));
    assertEquals("Completed", got.get("helm-install-traefik-crd-dshw8"));
    assertEquals("Running", got.get("coredns-64fd4b4794-p72lf"));
  }

  @Test
  void minikubeFailedJobPodsShowError() {
    Path dir = Fixtures.recording("minikube-v1.35.0-nri-kubernetes");
    Map<String, String> got = statuses(dir.resolve("kubelet-pods.json"));
    assertEquals("Error", got.get("e2e-failjob-64h4g"));
    assertEquals("Error", got.get("e2e-failjob-4kj9v"));
  }

  private static String state(String type, String reason, Integer exitCode) {
    if (type == null) {
      return "{}";
    }
    String fields = reason == null ? "" : "\"reason\":\"" + reason + "\"";
    if (exitCode != null) {
      fields += (fields.isEmpty() ? "" : ",") + "\"exitCode\":" + exitCode;
    }
    return "{\"" + type + "\":{" + fields + "}}";
  }

  private static String status(String name, boolean ready, String state) {
    return "{\"name\":\"" + name + "\",\"ready\":" + ready + ",\"state\":" + state + "}";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "waiting image pull | Pending | | | waiting | ImagePullBackOff | | ImagePullBackOff",
        "oom killed | Running | | | terminated | OOMKilled | 137 | OOMKilled",
        "error without reason | Failed | | | terminated | | 2 | ExitCode:2",
        "evicted | Failed | Evicted | | | | | Evicted",
        "init waiting | Pending | | init-waiting | | | | Init:CrashLoopBackOff",
        "init failed | Pending | | init-failed | | | | Init:Error",
        "init running | Pending | | init-running | | | | Init:0/1",
        "terminating | Running | | deleted | running | | | Terminating",
      })
  void computedLikeKubectl(
      String title,
      String phase,
      String reason,
      String special,
      String type,
      String stateReason,
      Integer exitCode,
      String expected) {
    String init = "";
    String initStatus = "";
    if (special != null && special.startsWith("init-")) {
      init = ",\"initContainers\":[{\"name\":\"setup\"}]";
      String s =
          switch (special) {
            case "init-waiting" -> state("waiting", "CrashLoopBackOff", null);
            case "init-failed" -> state("terminated", "Error", 1);
            default -> state("running", null, null);
          };
      initStatus = ",\"initContainerStatuses\":[" + status("setup", false, s) + "]";
    }
    String deleted =
        "deleted".equals(special) ? ",\"deletionTimestamp\":\"2025-09-11T00:00:00Z\"" : "";
    String json =
        "{\"metadata\":{\"name\":\"p\",\"namespace\":\"n\""
            + deleted
            + "},"
            + "\"spec\":{\"containers\":[{\"name\":\"app\"}]"
            + init
            + "},"
            + "\"status\":{\"phase\":\""
            + phase
            + "\""
            + (reason == null ? "" : ",\"reason\":\"" + reason + "\"")
            + initStatus
            + ",\"containerStatuses\":["
            + status("app", false, state(type, stateReason, exitCode))
            + "]}}";
    assertEquals(expected, PodStatus.of(Recorded.pod(json)), title);
  }

  @Test
  void completedSidecarWithARunningContainerIsRunningWhenReady() {
    String json =
        "{\"metadata\":{\"name\":\"p\",\"namespace\":\"n\"},"
            + "\"spec\":{\"containers\":[{\"name\":\"a\"},{\"name\":\"b\"}]},"
            + "\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}],"
            + "\"containerStatuses\":["
            + status("a", true, state("running", null, null))
            + ","
            + status("b", false, state("terminated", "Completed", 0))
            + "]}}";
    assertEquals("Running", PodStatus.of(Recorded.pod(json)));
    assertEquals("NotReady", PodStatus.of(Recorded.pod(json.replace("\"True\"", "\"False\""))));
  }
}
