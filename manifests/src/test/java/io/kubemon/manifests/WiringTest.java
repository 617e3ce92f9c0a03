package io.kubemon.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubemon.manifests.ManifestFiles.Doc;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The objects find each other: selectors, port names, scrape targets. */
class WiringTest {
  /** A pod template: its labels and named ports. */
  private record Pods(String owner, Map<String, String> labels, Set<String> ports) {}

  @Test
  void everyServiceSelectsPodsAndNamesOneOfTheirPorts() {
    List<Pods> pods = pods();
    for (Doc doc : ManifestFiles.ofKind("Service")) {
      Service service = ManifestModelTest.JSON.convertValue(doc.object(), Service.class);
      Map<String, String> selector = service.getSpec().getSelector();
      List<Pods> selected =
          pods.stream()
              .filter(p -> p.labels().entrySet().containsAll(selector.entrySet()))
              .toList();
      assertEquals(1, selected.size(), doc + " selects " + selected);
      for (ServicePort port : service.getSpec().getPorts()) {
        String target = port.getTargetPort().getStrVal();
        assertTrue(selected.get(0).ports().contains(target), doc + ": no port named " + target);
      }
    }
  }

  /**
   * Prometheus picks up node-exporter's ServiceMonitor, which selects node-exporter's Service,
   * labels every series with the pod's node, sends Prometheus' token and verifies the proxy's
   * certificate against the kubemon CA under a fixed name (CertsOutputTest checks the name is in
   * the certificate); the proxy serves that Secret and forwards to node-exporter's loopback port.
   */
  @Test
  void prometheusScrapesNodeExporterThroughTheVerifiedProxy() {
    Map<?, ?> spec = (Map<?, ?>) ManifestFiles.one("Prometheus", "prometheus").object().get("spec");
    Map<?, ?> wanted =
        (Map<?, ?>) ((Map<?, ?>) spec.get("serviceMonitorSelector")).get("matchLabels");
    Doc monitor = ManifestFiles.one("ServiceMonitor", "node-exporter");
    assertTrue(
        ((Map<?, ?>) monitor.metadata().get("labels")).entrySet().containsAll(wanted.entrySet()));
    assertEquals(ManifestFiles.one("Prometheus", "prometheus").namespace(), monitor.namespace());
    Map<?, ?> monitorSpec = (Map<?, ?>) monitor.object().get("spec");
    Doc service = ManifestFiles.one("Service", "node-exporter");
    Map<?, ?> selector = (Map<?, ?>) ((Map<?, ?>) monitorSpec.get("selector")).get("matchLabels");
    assertTrue(((Map<?, ?>) service.metadata().get("labels")).entrySet()
        .containsAll(selector.entrySet()));
    Map<?, ?> endpoint = (Map<?, ?>) ((List<?>) monitorSpec.get("endpoints")).get(0);
    assertEquals("https", endpoint.get("scheme"));
    assertEquals("/var/run/secrets/kubernetes.io/serviceaccount/token",
        endpoint.get("bearerTokenFile"));
    assertEquals(
        Map.of("ca", Map.of("configMap", Map.of("name", "kubemon-ca", "key", "ca.crt")),
            "serverName", "node-exporter.check-mk.svc"),
        endpoint.get("tlsConfig"));
    assertEquals(
        List.of(Map.of("action", "replace", "sourceLabels",
            List.of("__meta_kubernetes_pod_node_name"), "targetLabel", "node")),
        endpoint.get("relabelings"));
    var pod = ManifestModelTest.podSpecs().stream()
        .filter(e -> e.getKey().name().equals("node-exporter")).findFirst().orElseThrow()
        .getValue();
    Container exporter = pod.getContainers().stream()
        .filter(c -> c.getName().equals("node-exporter")).findFirst().orElseThrow();
    Container proxy = pod.getContainers().stream()
        .filter(c -> c.getName().equals("kube-rbac-proxy")).findFirst().orElseThrow();
    assertTrue(exporter.getArgs().contains("--web.listen-address=127.0.0.1:9101"),
        "node-exporter must listen on loopback only");
    assertTrue(exporter.getPorts().isEmpty(), "node-exporter exposes no port of its own");
    assertTrue(proxy.getArgs().containsAll(List.of("--upstream=http://127.0.0.1:9101/",
        "--allow-paths=/metrics", "--tls-cert-file=/etc/kube-rbac-proxy/tls/tls.crt",
        "--tls-private-key-file=/etc/kube-rbac-proxy/tls/tls.key")), proxy.getArgs().toString());
    String tlsVolume = proxy.getVolumeMounts().stream()
        .filter(m -> m.getMountPath().equals("/etc/kube-rbac-proxy/tls")).findFirst()
        .orElseThrow().getName();
    assertEquals("node-exporter-tls", pod.getVolumes().stream()
        .filter(v -> v.getName().equals(tlsVolume)).findFirst().orElseThrow().getSecret()
        .getSecretName());
  }

  @Test
  void prometheusPicksUpTheKubeletServiceMonitor() {
    Map<?, ?> spec = (Map<?, ?>) ManifestFiles.one("Prometheus", "prometheus").object().get("spec");
    Map<?, ?> wanted =
        (Map<?, ?>) ((Map<?, ?>) spec.get("serviceMonitorSelector")).get("matchLabels");
    Doc monitor = ManifestFiles.one("ServiceMonitor", "kubelet");
    assertTrue(
        ((Map<?, ?>) monitor.metadata().get("labels")).entrySet().containsAll(wanted.entrySet()));
    assertEquals(
        monitor.namespace(),
        ManifestFiles.one("Prometheus", "prometheus").namespace(),
        "serviceMonitorNamespaceSelector is unset: only the Prometheus' own namespace counts");
    Map<?, ?> monitorSpec = (Map<?, ?>) monitor.object().get("spec");
    // The operator labels its kube-system/kubelet Service app.kubernetes.io/name=kubelet and names
    // the kubelet's HTTPS port https-metrics (pkg/kubelet/controller.go).
    // Plus the operator's --labels, which only our operator's kubelet Service carries: another
    // operator's kube-system/kubelet (kube-prometheus) must not be scraped a second time.
    String[] extra = operatorArg("--labels=").split("=", 2);
    assertEquals(
        Map.of("matchLabels", Map.of("app.kubernetes.io/name", "kubelet", extra[0], extra[1])),
        monitorSpec.get("selector"));
    assertEquals(
        Map.of("matchNames", List.of("kube-system")), monitorSpec.get("namespaceSelector"));
    String kubeletService = operatorArg("--kubelet-service=");
    assertEquals("kube-system/kubemon-kubelet", kubeletService);
    for (Object e : (List<?>) monitorSpec.get("endpoints")) {
      Map<?, ?> endpoint = (Map<?, ?>) e;
      assertEquals("https-metrics", endpoint.get("port"));
      assertEquals("https", endpoint.get("scheme"));
      assertTrue(
          ((Map<?, ?>) endpoint.get("tlsConfig")).containsKey("caFile"), "kubelet TLS unverified");
    }
  }

  @Test
  void kubeletSeriesCarryTheirNodeAndVolumeStatsAreScraped() {
    Map<?, ?> spec = (Map<?, ?>) ManifestFiles.one("ServiceMonitor", "kubelet").object().get("spec");
    Set<Object> paths = new java.util.HashSet<>();
    for (Object e : (List<?>) spec.get("endpoints")) {
      Map<?, ?> endpoint = (Map<?, ?>) e;
      paths.add(endpoint.get("path"));
      // The agent's node queries group by "node"; cAdvisor and the kubelet do not set it.
      assertTrue(
          ((List<?>) endpoint.get("relabelings")).contains(Map.of(
              "action", "replace",
              "sourceLabels", List.of("__meta_kubernetes_endpoint_address_target_name"),
              "targetLabel", "node")),
          endpoint.get("path") + ": no node label from the endpoint's target");
      // The agent's queries pick one path per series (UsageQueries: metrics_path="/metrics/cadvisor"
      // or "/metrics"): /metrics/resource repeats cAdvisor's CPU and memory series.
      assertTrue(
          ((List<?>) endpoint.get("relabelings")).contains(Map.of(
              "action", "replace",
              "sourceLabels", List.of("__metrics_path__"),
              "targetLabel", "metrics_path")),
          endpoint.get("path") + ": no metrics_path label");
    }
    // kubelet_volume_stats_* (PVC usage) come from the kubelet's own /metrics.
    assertTrue(paths.containsAll(Set.of("/metrics", "/metrics/cadvisor")), "" + paths);
  }

  @Test
  void theOperatorReconcilesOnlyPrometheusObjectsWithItsControllerId() {
    // prometheus-operator pkg/operator/resource_reconciler.go: annotation
    // operator.prometheus.io/controller-id must equal --controller-id; an operator without the flag
    // skips annotated objects.
    String id = operatorArg("--controller-id=");
    assertFalse(id.isEmpty());
    for (Doc doc : ManifestFiles.ofKind("Prometheus")) {
      assertEquals(
          id,
          ((Map<?, ?>) doc.metadata().get("annotations")).get("operator.prometheus.io/controller-id"),
          doc.toString());
    }
  }

  @Test
  void theInsecureKubeletMonitorDiffersOnlyInSkippingVerification() {
    Map<String, Object> verified = ManifestFiles.one("ServiceMonitor", "kubelet").object();
    List<Doc> insecure =
        ManifestFiles.load(ManifestFiles.dir().resolve(ManifestFiles.INSECURE_KUBELET));
    assertEquals(1, insecure.size());
    Map<?, ?> spec = (Map<?, ?>) insecure.get(0).object().get("spec");
    for (Object e : (List<?>) spec.get("endpoints")) {
      assertEquals(Map.of("insecureSkipVerify", true), ((Map<?, ?>) e).get("tlsConfig"));
      // The kubelet still authenticates Prometheus by its token.
      assertEquals(
          "/var/run/secrets/kubernetes.io/serviceaccount/token",
          ((Map<?, ?>) e).get("bearerTokenFile"));
    }
    assertEquals(
        verified.toString().replace(
            "tlsConfig={caFile=/var/run/secrets/kubernetes.io/serviceaccount/ca.crt}",
            "tlsConfig={insecureSkipVerify=true}"),
        insecure.get(0).object().toString());
    // Never the default: no default file skips verification anywhere.
    for (Doc doc : ManifestFiles.all()) {
      assertFalse(doc.object().toString().contains("insecureSkip"), doc.toString());
    }
  }

  @Test
  void prometheusHasNoNodePortUnlessOptedInWithClientCertificates() {
    for (Doc doc : ManifestFiles.ofKind("Service")) {
      Service service = ManifestModelTest.JSON.convertValue(doc.object(), Service.class);
      assertTrue(
          service.getSpec().getType() == null || "ClusterIP".equals(service.getSpec().getType()),
          doc + " is reachable from outside the cluster");
    }
    List<Doc> nodePort = ManifestFiles.load(ManifestFiles.dir().resolve(ManifestFiles.NODEPORT));
    assertEquals(1, nodePort.size());
    Service service = ManifestModelTest.JSON.convertValue(nodePort.get(0).object(), Service.class);
    assertEquals("NodePort", service.getSpec().getType());
    assertEquals(
        ManifestModelTest.JSON
            .convertValue(ManifestFiles.one("Service", "prometheus").object(), Service.class)
            .getSpec()
            .getSelector(),
        service.getSpec().getSelector());
    Map<?, ?> tls = (Map<?, ?>) ((Map<?, ?>) spec(patchedPrometheus()).get("web")).get("tlsConfig");
    assertEquals("RequireAndVerifyClientCert", tls.get("clientAuthType"));
    // The client CA is the kubemon CA that `certs` writes as ConfigMap kubemon-ca.
    assertEquals(Map.of("configMap", Map.of("name", "kubemon-ca", "key", "ca.crt")),
        tls.get("client_ca"));
    // The server certificate stays: the patch merges into web.tlsConfig.
    assertTrue(tls.containsKey("cert") && tls.containsKey("keySecret"), "" + tls);
  }

  /** The shipped Prometheus with the client-certificate merge patch applied (RFC 7386). */
  static Map<String, Object> patchedPrometheus() {
    Map<String, Object> prometheus =
        copy(ManifestFiles.one("Prometheus", "prometheus").object());
    Map<String, Object> patch =
        ManifestFiles.load(ManifestFiles.dir().resolve(ManifestFiles.CLIENT_CERT_PATCH))
            .get(0)
            .object();
    return mergePatch(prometheus, patch);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mergePatch(Map<String, Object> target, Map<String, Object> patch) {
    patch.forEach((k, v) -> {
      if (v == null) {
        target.remove(k);
      } else if (v instanceof Map<?, ?> m && target.get(k) instanceof Map<?, ?> t) {
        target.put(k, mergePatch((Map<String, Object>) t, (Map<String, Object>) m));
      } else {
        target.put(k, v);
      }
    });
    return target;
  }

  @SuppressWarnings("unchecked")
  private static <T> T copy(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new java.util.LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, copy(v)));
      return (T) out;
    }
    if (value instanceof List<?> list) {
      return (T) new java.util.ArrayList<>(list.stream().map(WiringTest::copy).toList());
    }
    return value;
  }

  private static Map<?, ?> spec(Map<String, Object> object) {
    return (Map<?, ?>) object.get("spec");
  }

  @Test
  void theOperatorWatchesTheNamespaceOfItsPrometheus() {
    assertEquals(
        ManifestFiles.one("Prometheus", "prometheus").namespace(), operatorArg("--namespaces="));
  }

  private static String operatorArg(String prefix) {
    Deployment operator =
        ManifestModelTest.JSON.convertValue(
            ManifestFiles.one("Deployment", "prometheus-operator").object(), Deployment.class);
    return operator.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs().stream()
        .filter(a -> a.startsWith(prefix))
        .findFirst()
        .orElseThrow()
        .substring(prefix.length());
  }

  /**
   * Deployments' and DaemonSets' templates, and the pods the operator makes for each Prometheus
   * object.
   */
  private static List<Pods> pods() {
    List<Pods> pods = new java.util.ArrayList<>();
    List<Doc> owners = new java.util.ArrayList<>(ManifestFiles.ofKind("Deployment"));
    owners.addAll(ManifestFiles.ofKind("DaemonSet"));
    for (Doc doc : owners) {
      var template =
          ManifestModelTest.JSON
              .convertValue(((Map<?, ?>) doc.object().get("spec")).get("template"),
                  io.fabric8.kubernetes.api.model.PodTemplateSpec.class);
      Set<String> ports =
          template.getSpec().getContainers().stream()
              .flatMap(c -> c.getPorts().stream())
              .map(ContainerPort::getName)
              .collect(Collectors.toSet());
      pods.add(new Pods(doc.toString(), template.getMetadata().getLabels(), ports));
    }
    for (Doc doc : ManifestFiles.ofKind("Prometheus")) {
      // Labels and port name the operator gives the StatefulSet's pods (prometheus-operator
      // pkg/prometheus: app.kubernetes.io/{name,instance}, container port "web").
      Map<String, String> labels = new HashMap<>();
      labels.put("app.kubernetes.io/name", "prometheus");
      labels.put("app.kubernetes.io/instance", doc.name());
      pods.add(new Pods(doc.toString(), labels, Set.of("web")));
    }
    return pods;
  }
}
