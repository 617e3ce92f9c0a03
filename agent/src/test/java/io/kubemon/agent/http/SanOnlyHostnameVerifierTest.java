package io.kubemon.agent.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.junit.jupiter.api.Test;

class SanOnlyHostnameVerifierTest {
  private static final TestPki PKI = new TestPki("san-test-ca");
  private final SanOnlyHostnameVerifier verifier = new SanOnlyHostnameVerifier();

  @Test
  void aCnOnlyCertificateIsRefusedAlthoughHttpClientWouldTakeIt() throws Exception {
    X509Certificate cnOnly = leaf(PKI.serverKeyStoreWithCn(later(), "localhost"));
    // What this verifier exists for: HttpClient's own falls back to the CN.
    assertDoesNotThrow(() -> new DefaultHostnameVerifier().verify("localhost", cnOnly));
    assertThrows(SanOnlyHostnameVerifier.NoSubjectAltNameException.class,
        () -> verifier.verify("localhost", cnOnly));
  }

  @Test
  void aCertificateWithIpAddressesOnlyDoesNotNameAHostByItsCn() throws Exception {
    X509Certificate ipOnly = leaf(PKI.serverKeyStoreWithCn(later(), "localhost", "127.0.0.1"));
    SSLPeerUnverifiedException e = assertThrows(SSLPeerUnverifiedException.class,
        () -> verifier.verify("localhost", ipOnly));
    assertFalse(e instanceof SanOnlyHostnameVerifier.NoSubjectAltNameException);
    assertDoesNotThrow(() -> verifier.verify("127.0.0.1", ipOnly));
  }

  @Test
  void subjectAltNamesAreMatchedAsBefore() throws Exception {
    X509Certificate san = leaf(PKI.serverKeyStoreWithCn(later(), "ignored", "api.example.org"));
    assertDoesNotThrow(() -> verifier.verify("api.example.org", san));
    assertThrows(SSLPeerUnverifiedException.class, () -> verifier.verify("other.example", san));
    assertThrows(SSLPeerUnverifiedException.class, () -> verifier.verify("ignored", san));
  }

  private static Instant later() {
    return Instant.now().plus(Duration.ofDays(1));
  }

  private static X509Certificate leaf(KeyStore store) throws Exception {
    return (X509Certificate) store.getCertificate("server");
  }
}
