package io.kubemon.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubemon.agent.tools.Tools;
import io.kubemon.manifests.ManifestFiles.Doc;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `certs` writes fits what the manifests mount, name and trust. */
class CertsOutputTest {
  @TempDir static Path out;
  private static Map<String, Doc> written;
  private static X509Certificate ca;

  @BeforeAll
  static void runCerts() throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    int code =
        Tools.find("certs")
            .orElseThrow()
            .run(
                new String[] {"--out", out.toString()},
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                System.err);
    assertEquals(0, code);
    written = new HashMap<>();
    for (String file : List.of("tls-secrets.yaml", "apiservice.yaml")) {
      ManifestFiles.parse(file, Files.readString(out.resolve(file)))
          .forEach(d -> written.put(d.kind() + " " + d.name(), d));
    }
    ca = certificate(Files.readString(out.resolve("ca.crt")));
    String printed =
        stdout
            .toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.startsWith("caBundle: "))
            .findFirst()
            .orElseThrow()
            .substring(10);
    assertEquals(spec("APIService v1beta1.custom.metrics.k8s.io").get("caBundle"), printed);
  }

  @Test
  void theCaBundleAndTheCaConfigMapAreTheCa() throws Exception {
    String bundle = (String) spec("APIService v1beta1.custom.metrics.k8s.io").get("caBundle");
    assertEquals(
        ca, certificate(new String(Base64.getDecoder().decode(bundle), StandardCharsets.US_ASCII)));
    Map<?, ?> data = (Map<?, ?>) written.get("ConfigMap kubemon-ca").object().get("data");
    assertEquals(ca, certificate((String) data.get("ca.crt")));
    assertEquals(0, ca.getBasicConstraints(), "a CA that signs leaves only");
  }

  @Test
  void everyWrittenObjectParsesWithoutUnknownFields() {
    for (Doc doc : written.values()) {
      Class<?> model = ManifestModelTest.MODELS.get(doc.kind());
      Object parsed =
          ManifestModelTest.JSON.convertValue(
              model == io.fabric8.kubernetes.api.model.ObjectMeta.class ? doc.metadata() : doc.object(),
              model);
      assertEquals(List.of(), ModelWalker.unknownFields(parsed), doc.toString());
    }
    assertEquals(
        Set.of(
            "Secret prometheus-tls",
            "Secret prometheus-adapter-tls",
            "Secret node-exporter-tls",
            "ConfigMap kubemon-ca",
            "APIService v1beta1.custom.metrics.k8s.io"),
        written.keySet());
  }

  /** Re-applying the shipped manifests (an upgrade, a GitOps sync) cannot reset the caBundle. */
  @Test
  void theApiServiceLivesOnlyInTheCertsOutput() {
    assertEquals(List.of(), ManifestFiles.ofKind("APIService"), "an APIService in manifests/");
  }

  /** The written APIService registers custom metrics at the adapter's shipped Service, verified. */
  @Test
  void theApiServicePointsAtTheAdaptersServiceAndPort() {
    Map<?, ?> spec = spec("APIService v1beta1.custom.metrics.k8s.io");
    assertEquals("custom.metrics.k8s.io", spec.get("group"));
    assertEquals("v1beta1", spec.get("version"));
    assertTrue(!spec.containsKey("insecureSkipTLSVerify"), spec.toString());
    Map<?, ?> ref = (Map<?, ?>) spec.get("service");
    Service service =
        ManifestModelTest.JSON.convertValue(
            ManifestFiles.one("Service", (String) ref.get("name")).object(), Service.class);
    assertEquals(service.getMetadata().getNamespace(), ref.get("namespace"));
    ServicePort port =
        service.getSpec().getPorts().stream()
            .filter(p -> p.getPort().equals(ref.get("port")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no port " + ref.get("port") + " on " + ref));
    Deployment adapter = deployment((String) ref.get("name"));
    assertEquals(
        service.getSpec().getSelector(),
        adapter.getSpec().getTemplate().getMetadata().getLabels().entrySet().stream()
            .filter(e -> service.getSpec().getSelector().containsKey(e.getKey()))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    assertTrue(
        adapter().getPorts().stream()
            .anyMatch(p -> p.getName().equals(port.getTargetPort().getStrVal())),
        "the adapter has no port " + port.getTargetPort());
    assertEquals(
        Map.of("app.kubernetes.io/name", "prometheus-adapter", "app.kubernetes.io/part-of", "kubemon"),
        written.get("APIService v1beta1.custom.metrics.k8s.io").metadata().get("labels"));
  }

  @Test
  void prometheusServesACertificateForTheAdaptersUrl() throws Exception {
    Map<?, ?> tls =
        (Map<?, ?>)
            ((Map<?, ?>) ManifestFiles.one("Prometheus", "prometheus").object().get("spec"))
                .get("web");
    Map<?, ?> tlsConfig = (Map<?, ?>) tls.get("tlsConfig");
    String secretName =
        (String) ((Map<?, ?>) ((Map<?, ?>) tlsConfig.get("cert")).get("secret")).get("name");
    assertEquals(secretName, ((Map<?, ?>) tlsConfig.get("keySecret")).get("name"));
    String url = arg(adapter(), "--prometheus-url=");
    String host = URI.create(url).getHost();
    Doc service = ManifestFiles.one("Service", host.split("\\.")[0]);
    assertEquals(service.name() + "." + service.namespace() + ".svc", host);
    TlsPair pair = tlsSecret(secretName);
    assertTrue(pair.names().contains(host), pair.names() + " lacks " + host);
    Handshake.verify(pair.cert(), pair.key(), ca, host);
    assertThrows(
        SSLHandshakeException.class,
        () -> Handshake.verify(pair.cert(), pair.key(), ca, "prometheus.example.org"));
  }

  /**
   * kube-rbac-proxy in front of node-exporter serves the certificate `certs` issues for the name
   * Prometheus checks (the ServiceMonitor's serverName), and a handshake under that name succeeds
   * against the CA in the ConfigMap the ServiceMonitor names; another name fails.
   */
  @Test
  void nodeExportersProxyServesACertificateForTheNamePrometheusChecks() throws Exception {
    Map<?, ?> endpoint = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ManifestFiles
        .one("ServiceMonitor", "node-exporter").object().get("spec")).get("endpoints")).get(0);
    Map<?, ?> tlsConfig = (Map<?, ?>) endpoint.get("tlsConfig");
    String host = (String) tlsConfig.get("serverName");
    Map<?, ?> caRef = (Map<?, ?>) ((Map<?, ?>) tlsConfig.get("ca")).get("configMap");
    assertTrue(written.containsKey("ConfigMap " + caRef.get("name")), caRef.toString());
    PodSpec pod = ManifestModelTest.podSpecs().stream()
        .filter(e -> e.getKey().kind().equals("DaemonSet")
            && e.getKey().name().equals("node-exporter"))
        .findFirst().orElseThrow().getValue();
    String secretName =
        pod.getVolumes().stream()
            .filter(v -> v.getSecret() != null)
            .findFirst()
            .orElseThrow()
            .getSecret()
            .getSecretName();
    TlsPair pair = tlsSecret(secretName);
    assertTrue(pair.names().contains(host), pair.names() + " lacks " + host);
    Handshake.verify(pair.cert(), pair.key(), ca, host);
    assertThrows(
        SSLHandshakeException.class,
        () -> Handshake.verify(pair.cert(), pair.key(), ca, "10.0.0.1"));
  }

  @Test
  void theAdapterServesACertificateForItsApiService() throws Exception {
    Map<?, ?> service = (Map<?, ?>) spec("APIService v1beta1.custom.metrics.k8s.io").get("service");
    String host = service.get("name") + "." + service.get("namespace") + ".svc";
    PodSpec pod = deployment("prometheus-adapter").getSpec().getTemplate().getSpec();
    String secretName =
        pod.getVolumes().stream()
            .filter(v -> v.getSecret() != null)
            .findFirst()
            .orElseThrow()
            .getSecret()
            .getSecretName();
    TlsPair pair = tlsSecret(secretName);
    assertTrue(pair.names().contains(host), pair.names() + " lacks " + host);
    Handshake.verify(pair.cert(), pair.key(), ca, host);
    String caVolume =
        pod.getVolumes().stream()
            .filter(
                v ->
                    v.getConfigMap() != null
                        && written.containsKey("ConfigMap " + v.getConfigMap().getName()))
            .findFirst()
            .orElseThrow()
            .getName();
    String mount =
        adapter().getVolumeMounts().stream()
            .filter(m -> m.getName().equals(caVolume))
            .findFirst()
            .orElseThrow()
            .getMountPath();
    assertEquals(mount + "/ca.crt", arg(adapter(), "--prometheus-ca-file="));
  }

  private record TlsPair(X509Certificate cert, PrivateKey key, Set<String> names) {}

  private static TlsPair tlsSecret(String name) throws Exception {
    Doc doc = written.get("Secret " + name);
    Secret secret = ManifestModelTest.JSON.convertValue(doc.object(), Secret.class);
    assertEquals("kubernetes.io/tls", secret.getType());
    assertEquals("check-mk", secret.getMetadata().getNamespace());
    X509Certificate cert = certificate(decode(secret.getData().get("tls.crt")));
    String keyPem = decode(secret.getData().get("tls.key")).replaceAll("-----[A-Z ]+-----|\\s", "");
    PrivateKey key =
        KeyFactory.getInstance("EC")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(keyPem)));
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), params);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    signer.initVerify(cert.getPublicKey());
    signer.update(new byte[] {1, 2, 3});
    assertTrue(signer.verify(signature), name + ": tls.key does not match tls.crt");
    Set<String> names =
        cert.getSubjectAlternativeNames().stream()
            .map(n -> (String) n.get(1))
            .collect(Collectors.toSet());
    return new TlsPair(cert, key, names);
  }

  private static Deployment deployment(String name) {
    return ManifestModelTest.JSON.convertValue(
        ManifestFiles.one("Deployment", name).object(), Deployment.class);
  }

  private static Container adapter() {
    return deployment("prometheus-adapter")
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0);
  }

  private static String arg(Container c, String prefix) {
    return c.getArgs().stream()
        .filter(a -> a.startsWith(prefix))
        .findFirst()
        .orElseThrow()
        .substring(prefix.length());
  }

  private static Map<?, ?> spec(String key) {
    return (Map<?, ?>) written.get(key).object().get("spec");
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
  }

  private static X509Certificate certificate(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }
}
