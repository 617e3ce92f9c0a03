package io.kubemon.agent.tools;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** A loopback HTTPS server whose certificate comes from a fresh test CA. */
final class TestTls {
  private TestTls() {}

  static HttpsServer server(CertificateAuthority ca, HttpHandler handler) throws Exception {
    return server(ca, handler, null);
  }

  /** With {@code clientCa}, the server demands a client certificate issued by it. */
  static HttpsServer server(
      CertificateAuthority ca, HttpHandler handler, CertificateAuthority clientCa)
      throws Exception {
    CertificateAuthority.Issued leaf =
        ca.issueServer(
            "apiserver", List.of("localhost", "127.0.0.1"), Instant.now(), Duration.ofDays(1));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "server", leaf.key(), new char[0], new Certificate[] {leaf.certificate(), ca.certificate});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), clientCa == null ? null : trust(clientCa), null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
            ssl.setNeedClientAuth(clientCa != null);
            params.setSSLParameters(ssl);
          }
        });
    server.createContext("/", handler);
    server.start();
    return server;
  }

  private static TrustManager[] trust(CertificateAuthority ca) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.certificate);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return tmf.getTrustManagers();
  }
}
