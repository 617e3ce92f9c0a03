package io.kubemon.agent.source.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prometheus' lastError texts as Go's crypto/tls and crypto/x509 word them (Go 1.20+ prefixes
 * "tls: failed to verify certificate: "), each mapped to the fix that applies.
 */
class KubeletTlsTest {
  private static final String GET = "Get \"https://10.0.0.7:10250/metrics/cadvisor\": ";

  @Test
  void selfSignedKubeletCertificatesPointToTheTwoChoices() {
    KubeletTls fix =
        KubeletTls.of("kubelet", GET + "tls: failed to verify certificate: x509: certificate signed"
            + " by unknown authority (possibly because of \"crypto/rsa: verification error\" while"
            + " trying to verify candidate authority certificate \"node-1-ca@1764201600\")");
    assertEquals(KubeletTls.UNKNOWN_CA, fix.anchor());
    assertTrue(fix.hint().contains("serverTLSBootstrap"), fix.hint());
    assertTrue(fix.hint().contains("kubelet-servicemonitor-insecure-skip-verify.yaml"), fix.hint());
  }

  @Test
  void certificatesWithoutTheNodeAddressAreNameMismatches() {
    for (String x509 : List.of(
        "x509: certificate is valid for node-1, not 10.0.0.7",
        "x509: cannot validate certificate for 10.0.0.7 because it doesn't contain any IP SANs",
        "x509: certificate is valid for 127.0.0.1, 172.18.0.2, not 10.0.0.7")) {
      KubeletTls fix = KubeletTls.of("kubelet", GET + "tls: failed to verify certificate: " + x509);
      assertEquals(KubeletTls.NAME_MISMATCH, fix.anchor(), x509);
    }
  }

  @Test
  void expiredPendingAndOtherX509FailuresHaveTheirOwnEntries() {
    assertEquals(KubeletTls.EXPIRED, KubeletTls.of("kubelet", GET + "tls: failed to verify"
        + " certificate: x509: certificate has expired or is not yet valid: current time"
        + " 2026-12-03T10:00:00Z is after 2026-11-30T09:00:00Z").anchor());
    assertEquals(KubeletTls.NO_CERTIFICATE,
        KubeletTls.of("kubelet", GET + "remote error: tls: internal error").anchor());
    assertEquals(KubeletTls.OTHER, KubeletTls.of("kubelet",
        GET + "tls: failed to verify certificate: x509: certificate relies on legacy Common Name"
            + " field, use SANs instead").anchor());
  }

  @Test
  void otherErrorsAndOtherJobsGetNoKubeletAdvice() {
    assertNull(KubeletTls.of("kubelet", GET + "context deadline exceeded"));
    assertNull(KubeletTls.of("kubelet", "server returned HTTP status 403 Forbidden"));
    assertNull(KubeletTls.of("kubelet", null));
    assertNull(KubeletTls.of("node-exporter",
        GET + "tls: failed to verify certificate: x509: certificate signed by unknown authority"));
  }

  @Test
  void everyAnchorHasItsHeading() throws Exception {
    String doc = Files.readString(
        Path.of(System.getProperty("kubemon.root", ".."), "docs/troubleshooting.md"));
    for (String anchor : List.of(KubeletTls.UNKNOWN_CA, KubeletTls.NAME_MISMATCH,
        KubeletTls.EXPIRED, KubeletTls.NO_CERTIFICATE, KubeletTls.OTHER)) {
      assertTrue(doc.contains("## <a id=\"" + anchor + "\"></a>"), "no heading for " + anchor);
    }
  }
}
