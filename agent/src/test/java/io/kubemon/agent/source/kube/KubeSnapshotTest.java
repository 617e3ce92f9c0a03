package io.kubemon.agent.source.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubemon.agent.model.Controller;
import io.kubemon.agent.model.Pod;
import io.kubemon.agent.status.SourceLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The snapshot's API for the usage pipeline: pods, their controllers and every host name. */
class KubeSnapshotTest {

  private static KubeSnapshot k3s(Set<String> monitored) {
    String shared = System.getProperty("kubemon.shared");
    Path dir =
        shared == null ? null : Path.of(shared, "fixtures", "real", "k3s-v1.33.4-troubleshoot");
    assumeTrue(dir != null && Files.isDirectory(dir), "skipped: ../shared/fixtures/real not found");
    KubeOptions options =
        new KubeOptions(
            "k3s",
            "k3s",
            "https://k3s:6443",
            monitored,
            List.of(),
            List.of(),
            null,
            Set.of(),
            Clock.systemUTC());
    return KubeCollector.collect(
        new FixtureApi(dir, FixtureApi.Absent.EMPTY_LIST), options, new SourceLog());
  }

  private static Pod pod(KubeSnapshot s, String name) {
    return s.pods().stream().filter(p -> p.meta().name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void mapsPodsToTheirHostsAndControllers() {
    KubeSnapshot s = k3s(KubeOptions.ALL_OBJECTS);
    assertEquals(13, s.pods().size());
    Pod coredns = pod(s, "coredns-64fd4b4794-p72lf");
    assertEquals("c9b7eea91", coredns.nodeName());
    assertEquals("Running", coredns.phase());
    List<Controller> chain = s.controllers(coredns);
    assertEquals(
        List.of(
            new Controller("ReplicaSet", "coredns-64fd4b4794"),
            new Controller("Deployment", "coredns")),
        chain);
    assertEquals("pod_k3s_kube-system_coredns-64fd4b4794-p72lf", s.podHost(coredns));
    assertNull(s.controllerHost(chain.get(0), "kube-system"), "ReplicaSets get no host");
    assertEquals(
        "deployment_k3s_kube-system_coredns", s.controllerHost(chain.get(1), "kube-system"));
    assertEquals("node_k3s_c9b7eea91", s.nodeHost("c9b7eea91"));
    assertEquals("namespace_k3s_kube-system", s.namespaceHost("kube-system"));
    assertNull(s.namespaceHost("kube-public"), "no Running or Pending pod, no host");
  }

  @Test
  void objectsNotMonitoredGetNoHost() {
    KubeSnapshot s = k3s(Set.of("pods"));
    Pod coredns = pod(s, "coredns-64fd4b4794-p72lf");
    assertEquals("pod_k3s_kube-system_coredns-64fd4b4794-p72lf", s.podHost(coredns));
    assertNull(s.nodeHost("c9b7eea91"));
    assertNull(s.namespaceHost("kube-system"));
    assertNull(s.controllerHost(new Controller("Deployment", "coredns"), "kube-system"));
  }
}
