package io.kubemon.agent.source.prometheus;

import java.util.Locale;

/**
 * What a kubelet target's TLS failure means and which fix applies. Prometheus (Go) reports a
 * failed scrape as {@code Get "https://IP:10250/metrics/cadvisor": tls: failed to verify
 * certificate: x509: ...}; the x509 reason tells whether the kubelet's serving certificate is
 * self-signed, lacks the node address, has expired, or does not exist yet (a pending
 * kubelet-serving CSR makes the kubelet fail every handshake with {@code remote error: tls:
 * internal error}). The fixes are documented per distribution in manifests/README.md.
 *
 * @param hint one line, what to do
 * @param anchor the heading id in docs/troubleshooting.md
 */
public record KubeletTls(String hint, String anchor) {
  /** The target job the kubelet ServiceMonitor gives every kubelet endpoint. */
  static final String KUBELET_JOB = "kubelet";

  static final String UNKNOWN_CA = "kubelet-tls-unknown-ca";
  static final String NAME_MISMATCH = "kubelet-tls-name-mismatch";
  static final String EXPIRED = "kubelet-tls-expired";
  static final String NO_CERTIFICATE = "kubelet-tls-no-certificate";
  static final String OTHER = "kubelet-certificates";

  private static final String CHOICE =
      "enable serverTLSBootstrap with a kubelet-serving CSR approver, or apply"
          + " kubelet-servicemonitor-insecure-skip-verify.yaml instead of kubelet-servicemonitor.yaml";

  /** The fix for a down target, or null when it is no kubelet TLS failure. */
  static KubeletTls of(String job, String lastError) {
    if (!KUBELET_JOB.equals(job) || lastError == null) {
      return null;
    }
    String e = lastError.toLowerCase(Locale.ROOT);
    if (e.contains("x509: certificate signed by unknown authority")) {
      return new KubeletTls(
          "the kubelet's serving certificate is not signed by the cluster CA (self-signed, the"
              + " kubeadm/kind/minikube default): " + CHOICE,
          UNKNOWN_CA);
    }
    if (e.contains("x509: certificate is valid for") || e.contains("doesn't contain any ip sans")
        || e.contains("x509: certificate is not valid for any names")) {
      return new KubeletTls(
          "the kubelet's serving certificate does not name the node address Prometheus scrapes: "
              + CHOICE,
          NAME_MISMATCH);
    }
    if (e.contains("x509: certificate has expired or is not yet valid")) {
      return new KubeletTls(
          "the kubelet's serving certificate expired (or the node's clock is off): approve its"
              + " renewal CSR (kubectl get csr) or restart the kubelet, and check the node's time",
          EXPIRED);
    }
    if (e.contains("remote error: tls: internal error")) {
      return new KubeletTls(
          "the kubelet has no serving certificate yet (serverTLSBootstrap with its CSR not"
              + " approved): kubectl get csr, then kubectl certificate approve NAME, or run a"
              + " kubelet-serving CSR approver",
          NO_CERTIFICATE);
    }
    if (e.contains("x509:")) {
      return new KubeletTls(
          "the kubelet's serving certificate does not verify against the cluster CA: see which"
              + " choice fits your distribution",
          OTHER);
    }
    return null;
  }
}
