package io.kubemon.agent.tools;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The YAML objects {@code certs} writes; values are base64 or PEM blocks, so no quoting is needed.
 */
final class Manifests {
  private Manifests() {}

  static String tlsSecret(
      String name, String namespace, String app, CertificateAuthority.Issued issued)
      throws GeneralSecurityException {
    return "apiVersion: v1\n"
        + "kind: Secret\n"
        + "metadata:\n"
        + "  name: "
        + name
        + "\n"
        + "  namespace: "
        + namespace
        + "\n"
        + labels(app)
        + "type: kubernetes.io/tls\n"
        + "data:\n"
        + "  tls.crt: "
        + base64(Pem.certificate(issued.certificate()))
        + "\n"
        + "  tls.key: "
        + base64(Pem.privateKey(issued.key()))
        + "\n";
  }

  static String caConfigMap(String name, String namespace, String caPem) {
    return "apiVersion: v1\n"
        + "kind: ConfigMap\n"
        + "metadata:\n"
        + "  name: "
        + name
        + "\n"
        + "  namespace: "
        + namespace
        + "\n"
        + labels("kubemon-ca")
        + "data:\n"
        + "  ca.crt: |\n"
        + caPem.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
  }

  /**
   * The only copy of the APIService: manifests/custom-metrics.yaml leaves it out, so re-applying
   * that file never resets the caBundle. It names the adapter's Service in custom-metrics.yaml.
   */
  static String apiService(String service, String namespace, String caBundle) {
    return "apiVersion: apiregistration.k8s.io/v1\n"
        + "kind: APIService\n"
        + "metadata:\n"
        + "  name: v1beta1.custom.metrics.k8s.io\n"
        + labels(service)
        + "spec:\n"
        + "  group: custom.metrics.k8s.io\n"
        + "  version: v1beta1\n"
        + "  service:\n"
        + "    name: "
        + service
        + "\n"
        + "    namespace: "
        + namespace
        + "\n"
        + "    port: 443\n"
        + "  caBundle: "
        + caBundle
        + "\n"
        + "  groupPriorityMinimum: 100\n"
        + "  versionPriority: 100\n";
  }

  private static String labels(String app) {
    return "  labels:\n"
        + "    app.kubernetes.io/name: "
        + app
        + "\n"
        + "    app.kubernetes.io/part-of: kubemon\n";
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }
}
