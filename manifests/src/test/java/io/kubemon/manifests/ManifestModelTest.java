package io.kubemon.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.kubemon.manifests.ManifestFiles.Doc;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManifestModelTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Typed model per kind; the CRs and APIService are checked by CrdSchemaTest. The APIService is
   * not shipped: {@code certs} writes it (CertsOutputTest).
   */
  static final Map<String, Class<?>> MODELS =
      Map.ofEntries(
          Map.entry("Namespace", Namespace.class),
          Map.entry("ServiceAccount", ServiceAccount.class),
          Map.entry("Secret", Secret.class),
          Map.entry("ConfigMap", ConfigMap.class),
          Map.entry("Service", Service.class),
          Map.entry("Deployment", Deployment.class),
          Map.entry("DaemonSet", DaemonSet.class),
          Map.entry("ClusterRole", ClusterRole.class),
          Map.entry("ClusterRoleBinding", ClusterRoleBinding.class),
          Map.entry("Role", Role.class),
          Map.entry("RoleBinding", RoleBinding.class),
          Map.entry("Prometheus", ObjectMeta.class),
          Map.entry("ServiceMonitor", ObjectMeta.class),
          Map.entry("APIService", ObjectMeta.class));

  /**
   * GA versions, served unchanged from Kubernetes 1.29 through 1.36 (none of them is on a removal
   * schedule); monitoring.coreos.com/v1 is the operator's stored CRD version.
   */
  private static final Map<String, String> API_VERSIONS =
      Map.ofEntries(
          Map.entry("Namespace", "v1"),
          Map.entry("ServiceAccount", "v1"),
          Map.entry("Secret", "v1"),
          Map.entry("ConfigMap", "v1"),
          Map.entry("Service", "v1"),
          Map.entry("Deployment", "apps/v1"),
          Map.entry("DaemonSet", "apps/v1"),
          Map.entry("ClusterRole", "rbac.authorization.k8s.io/v1"),
          Map.entry("ClusterRoleBinding", "rbac.authorization.k8s.io/v1"),
          Map.entry("Role", "rbac.authorization.k8s.io/v1"),
          Map.entry("RoleBinding", "rbac.authorization.k8s.io/v1"),
          Map.entry("Prometheus", "monitoring.coreos.com/v1"),
          Map.entry("ServiceMonitor", "monitoring.coreos.com/v1"));

  private static final Set<String> CLUSTER_SCOPED =
      Set.of("Namespace", "ClusterRole", "ClusterRoleBinding");

  /** Objects that must live in kube-system: what they grant or read is there. */
  private static final Set<String> IN_KUBE_SYSTEM =
      Set.of(
          "Role kubemon-prometheus-discovery",
          "RoleBinding kubemon-prometheus-discovery",
          "RoleBinding kubemon-prometheus-adapter-auth-reader",
          "Role kubemon-prometheus-operator-kubelet",
          "RoleBinding kubemon-prometheus-operator-kubelet");

  @Test
  void everyObjectParsesIntoTheModelWithoutUnknownFields() {
    for (Doc doc : ManifestFiles.all()) {
      Class<?> model = MODELS.get(doc.kind());
      assertNotNull(model, doc + ": a kind this test does not know");
      Object parsed =
          JSON.convertValue(model == ObjectMeta.class ? doc.metadata() : doc.object(), model);
      assertEquals(List.of(), ModelWalker.unknownFields(parsed), doc.toString());
    }
  }

  @Test
  void theWalkerFindsAMisspelledField() {
    Map<String, Object> container =
        Map.of("name", "x", "securityContext", Map.of("readOnlyRootFileSystem", true));
    Container parsed = JSON.convertValue(container, Container.class);
    assertEquals(
        List.of(".securityContext: unknown [readOnlyRootFileSystem]"),
        ModelWalker.unknownFields(parsed));
  }

  @Test
  void apiVersionsAreServedByKubernetes129To136() {
    for (Doc doc : ManifestFiles.all()) {
      assertEquals(API_VERSIONS.get(doc.kind()), doc.object().get("apiVersion"), doc.toString());
    }
  }

  @Test
  void namespacedObjectsSitInCheckMk() {
    for (Doc doc : ManifestFiles.all()) {
      if (CLUSTER_SCOPED.contains(doc.kind())) {
        assertNull(doc.namespace(), doc + " is cluster-scoped");
      } else if (IN_KUBE_SYSTEM.contains(doc.kind() + " " + doc.name())) {
        assertEquals("kube-system", doc.namespace(), doc.toString());
      } else {
        assertEquals("check-mk", doc.namespace(), doc.toString());
      }
    }
  }

  @Test
  void bindingsNameServiceAccountsThatTheManifestsCreate() {
    Set<String> accounts =
        Set.copyOf(
            ManifestFiles.ofKind("ServiceAccount").stream()
                .map(d -> d.namespace() + "/" + d.name())
                .toList());
    for (Doc doc : ManifestFiles.all()) {
      if (doc.kind().endsWith("Binding")) {
        RoleBinding binding = JSON.convertValue(doc.object(), RoleBinding.class);
        binding
            .getSubjects()
            .forEach(
                s ->
                    assertTrue(
                        accounts.contains(s.getNamespace() + "/" + s.getName()),
                        doc + " → " + s.getName()));
      }
    }
  }

  /** Deployments' and DaemonSets' pod templates. */
  static List<Map.Entry<Doc, PodSpec>> podSpecs() {
    List<Map.Entry<Doc, PodSpec>> pods = new java.util.ArrayList<>();
    for (Doc doc : ManifestFiles.ofKind("Deployment")) {
      pods.add(Map.entry(doc, JSON.convertValue(doc.object(), Deployment.class).getSpec()
          .getTemplate().getSpec()));
    }
    for (Doc doc : ManifestFiles.ofKind("DaemonSet")) {
      pods.add(Map.entry(doc, JSON.convertValue(doc.object(), DaemonSet.class).getSpec()
          .getTemplate().getSpec()));
    }
    return pods;
  }

  @Test
  void containersArePinnedNonRootReadOnlyAndBounded() {
    assertFalse(ManifestFiles.ofKind("DaemonSet").isEmpty(), "node-exporter's DaemonSet is read");
    for (Map.Entry<Doc, PodSpec> entry : podSpecs()) {
      Doc doc = entry.getKey();
      PodSpec pod = entry.getValue();
      assertTrue(pod.getSecurityContext().getRunAsNonRoot(), doc.toString());
      for (Container c : pod.getContainers()) {
        assertTrue(
            c.getImage().matches(".+:v[0-9]+\\.[0-9]+\\.[0-9]+"),
            doc + ": unpinned " + c.getImage());
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem(), doc.toString());
        assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation(), doc.toString());
        assertNotNull(c.getResources().getRequests().get("memory"), doc.toString());
        assertNotNull(c.getResources().getLimits().get("memory"), doc.toString());
      }
    }
  }

  @Test
  void theOperatorAndItsReloaderShareTheCrdVersion() {
    Container operator =
        JSON.convertValue(
                ManifestFiles.one("Deployment", "prometheus-operator").object(), Deployment.class)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    assertEquals("quay.io/prometheus-operator/prometheus-operator:v0.93.1", operator.getImage());
    assertTrue(
        operator
            .getArgs()
            .contains(
                "--prometheus-config-reloader=quay.io/prometheus-operator/prometheus-config-reloader:v0.93.1"));
    assertTrue(operator.getArgs().contains("--kubelet-service=kube-system/kubemon-kubelet"));
    Map<?, ?> prometheus =
        (Map<?, ?>) ManifestFiles.one("Prometheus", "prometheus").object().get("spec");
    assertTrue(((String) prometheus.get("image")).endsWith(":" + prometheus.get("version")));
  }

  /**
   * Only node-exporter's DaemonSet touches the host, and only read-only: the three host paths its
   * header names, hostPID, no hostNetwork, no hostPort, no privileged container, no added
   * capability. Every other pod has none of it.
   */
  @Test
  void onlyNodeExporterReadsTheHostAndOnlyReadOnly() {
    for (Map.Entry<Doc, PodSpec> entry : podSpecs()) {
      Doc doc = entry.getKey();
      PodSpec pod = entry.getValue();
      boolean exporter = doc.file().equals(ManifestFiles.NODE_EXPORTER);
      assertEquals(exporter, Boolean.TRUE.equals(pod.getHostPID()), doc.toString());
      assertFalse(Boolean.TRUE.equals(pod.getHostNetwork()), doc.toString());
      Map<String, String> hostPaths = new java.util.TreeMap<>();
      pod.getVolumes().stream().filter(v -> v.getHostPath() != null)
          .forEach(v -> hostPaths.put(v.getName(), v.getHostPath().getPath()));
      assertEquals(exporter ? Map.of("proc", "/proc", "sys", "/sys", "root", "/") : Map.of(),
          hostPaths, doc.toString());
      for (Container c : pod.getContainers()) {
        assertFalse(Boolean.TRUE.equals(c.getSecurityContext().getPrivileged()), doc.toString());
        var caps = c.getSecurityContext().getCapabilities();
        assertTrue(caps == null || caps.getAdd().isEmpty(), doc + ": added capabilities");
        c.getPorts().forEach(p -> assertNull(p.getHostPort(), doc + ": hostPort"));
        c.getVolumeMounts().stream().filter(m -> hostPaths.containsKey(m.getName()))
            .forEach(m -> assertTrue(m.getReadOnly(), doc + ": " + m.getName() + " writable"));
      }
    }
    String header = ManifestFiles.header(ManifestFiles.NODE_EXPORTER);
    for (String said : List.of("hostPath /proc", "hostPath /sys", "hostPath /", "hostPID: true",
        "privileged")) {
      assertTrue(header.contains(said), "node-exporter.yaml's header does not say " + said);
    }
  }
}
