package io.kubemon.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.junit.jupiter.api.Test;

/** Failures the local server cannot provoke offline: each gets its own line and anchor. */
class FailuresTest {
  private static final String SERVER = "k8s.example:6443";
  private final Deadline open = Deadline.after(Duration.ofMinutes(1));

  @Test
  void transportFailures() {
    assertEquals("GET /version: unknown host k8s.example:6443",
        map(new UnknownHostException("k8s.example")).getMessage());
    assertEquals("unknown-host", map(new UnknownHostException("k8s.example")).anchor());
    assertEquals("GET /version: k8s.example:6443: connect timeout",
        map(new ConnectTimeoutException("Connect timed out")).getMessage());
    assertEquals("read-timeout", map(new SocketTimeoutException("Read timed out")).anchor());
    assertEquals("connection-refused", map(new ConnectException("Connection refused")).anchor());
    assertEquals("GET /version: the body ended early: truncated JSON",
        map(new ConnectionClosedException("Premature end of chunk coded message body"))
            .getMessage());
    assertEquals("GET /version: connection to k8s.example:6443 failed: Connection reset",
        map(new SocketException("Connection reset")).getMessage());
  }

  @Test
  void tlsFailuresAreToldApartByTheirCause() {
    assertEquals("tls-certificate-expired",
        map(handshake(new CertificateExpiredException("NotAfter: ..."))).anchor());
    assertEquals("tls-unknown-ca",
        map(handshake(new CertPathBuilderException("unable to find valid path"))).anchor());
    SourceException other =
        map(new SSLHandshakeException("Received fatal alert: protocol_version"));
    assertEquals("GET /version: TLS handshake with k8s.example:6443 failed: Received fatal alert:"
        + " protocol_version", other.getMessage());
    assertEquals("tls-handshake-failed", other.anchor());
  }

  @Test
  void afterTheDeadlineEveryFailureIsTheDeadline() {
    Deadline running = new Deadline(Duration.ofSeconds(1), () -> 0L);
    Deadline expired = new Deadline(Duration.ZERO, () -> 0L);
    assertEquals("connection-refused",
        Failures.transport("GET /x", SERVER, new ConnectException(), running).anchor());
    assertEquals("deadline-reached",
        Failures.transport("GET /x", SERVER, new ConnectException(), expired).anchor());
  }

  private SourceException map(IOException e) {
    return Failures.transport("GET /version", SERVER, e, open);
  }

  private static SSLHandshakeException handshake(Exception cause) {
    SSLHandshakeException e = new SSLHandshakeException("PKIX path validation failed");
    e.initCause(new java.security.cert.CertificateException("chain", cause));
    return e;
  }
}
