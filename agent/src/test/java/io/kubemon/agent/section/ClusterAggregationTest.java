package io.kubemon.agent.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import io.kubemon.agent.source.kube.KubeOptions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cluster-wide sums over the synthetic cluster: one worker node, two running pods. */
class ClusterAggregationTest {

  private static JsonObject clusterSection(Set<String> excludedRoles, String section) {
    KubeOptions base = Fixtures.options("synthetic");
    KubeOptions options =
        new KubeOptions(
            "synthetic",
            "synthetic",
            base.apiServer(),
            base.monitoredObjects(),
            List.of(),
            List.of(),
            null,
            excludedRoles,
            base.clock());
    String out = Fixtures.run(SyntheticCluster.api(), options);
    String cluster = out.substring(0, out.indexOf("<<<<>>>>\n", 9));
    return SectionShapeTest.sections(cluster).get(section).get(0).getAsJsonObject();
  }

  @Test
  void sumsRequestsOfRunningPodsAndNodeAllocatable() {
    JsonObject cpu = clusterSection(Set.of(), "kubemon_cpu_resources_v2");
    // two pods with 250m / 1 core each; the node offers 3800m
    assertEquals(0.5, cpu.get("requests").getAsDouble());
    assertEquals(2.0, cpu.get("limits").getAsDouble());
    assertEquals(3.8, cpu.get("allocatable").getAsDouble());
    JsonObject memory = clusterSection(Set.of(), "kubemon_memory_resources_v2");
    assertEquals(2 * 64L * 1024 * 1024, memory.get("requests").getAsLong());
    assertEquals(7L * 1024 * 1024 * 1024, memory.get("allocatable").getAsLong());
  }

  @Test
  void excludedNodeRolesLeaveTheClusterSums() {
    JsonObject cpu = clusterSection(Set.of("worker"), "kubemon_cpu_resources_v2");
    assertFalse(cpu.has("requests"), "a sum of 0 is left out: " + cpu);
    assertEquals(0.0, cpu.get("allocatable").getAsDouble());
    JsonObject pods = clusterSection(Set.of("worker"), "kubemon_pod_resources_v2");
    assertFalse(pods.has("running"), "a count of 0 is left out: " + pods);
    assertEquals(0, pods.get("allocatable").getAsInt());
  }
}
