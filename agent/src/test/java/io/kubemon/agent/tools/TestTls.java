package io.kubemon.agent.tools;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A loopback HTTPS server whose certificate comes from a fresh test CA. */
final class TestTls {
  private TestTls() {}

  static HttpsServer server(CertificateAuthority ca, HttpHandler handler) throws Exception {
    CertificateAuthority.Issued leaf =
        ca.issueServer("apiserver", List.of("localhost", "127.0.0.1"), Instant.now(), Duration.ofDays(1));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "server", leaf.key(), new char[0], new Certificate[] {leaf.certificate(), ca.certificate});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext("/", handler);
    server.start();
    return server;
  }
}
