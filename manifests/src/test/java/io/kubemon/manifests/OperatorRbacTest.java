package io.kubemon.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus Operator watches only check-mk (issue 18): cluster-wide it may touch only
 * cluster-scoped kinds, never Secrets, ConfigMaps, workloads or Services of other namespaces.
 */
class OperatorRbacTest {
  private static final Set<String> CLUSTER_WIDE_ONLY =
      Set.of("nodes", "namespaces", "storageclasses", "events");

  @SuppressWarnings("unchecked")
  private static Set<String> resources(Map<String, Object> role) {
    Set<String> all = new TreeSet<>();
    for (Map<String, Object> rule : (List<Map<String, Object>>) role.get("rules")) {
      all.addAll((List<String>) rule.get("resources"));
    }
    return all;
  }

  @Test
  void theClusterRoleHoldsOnlyClusterScopedKindsAndEvents() {
    Map<String, Object> role =
        ManifestFiles.one("ClusterRole", "kubemon-prometheus-operator").object();
    Set<String> granted = resources(role);
    assertEquals(CLUSTER_WIDE_ONLY, granted);
  }

  @Test
  void secretsAndWorkloadsAreGrantedInCheckMkOnly() {
    ManifestFiles.Doc role = ManifestFiles.one("Role", "kubemon-prometheus-operator");
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) role.object().get("metadata");
    assertEquals("check-mk", meta.get("namespace"));
    Set<String> granted = resources(role.object());
    assertTrue(granted.containsAll(Set.of("secrets", "statefulsets", "prometheuses")), granted + "");
    ManifestFiles.Doc kubelet = ManifestFiles.one("Role", "kubemon-prometheus-operator-kubelet");
    assertEquals(Set.of("services", "services/finalizers", "endpoints"), resources(kubelet.object()));
    for (String name : List.of("kubemon-prometheus-operator", "kubemon-prometheus-operator-kubelet")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> ref =
          (Map<String, Object>) ManifestFiles.one("RoleBinding", name).object().get("roleRef");
      assertEquals("Role", ref.get("kind"), name);
    }
  }
}
