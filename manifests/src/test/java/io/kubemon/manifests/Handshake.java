package io.kubemon.manifests;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real TLS handshake on loopback: a server presenting {@code cert}, a client that trusts only
 * {@code ca} and checks the name {@code host} as an HTTPS client (Go's crypto/tls in the adapter
 * and API server does the same check).
 */
final class Handshake {
  private Handshake() {}

  static void verify(X509Certificate cert, PrivateKey key, X509Certificate ca, String host)
      throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("leaf", key, new char[0], new Certificate[] {cert, ca});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, tmf.getTrustManagers(), null);

    try (SSLServerSocket server =
        (SSLServerSocket)
            serverContext
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> serveOneByte(server));
      try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
          SSLSocket client =
              (SSLSocket)
                  clientContext
                      .getSocketFactory()
                      .createSocket(raw, host, server.getLocalPort(), true)) {
        SSLParameters params = client.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(params);
        client.startHandshake();
        OutputStream o = client.getOutputStream();
        o.write(42);
        o.flush();
      }
      if (served.get(10, TimeUnit.SECONDS) != 42) {
        throw new AssertionError("the server did not receive the byte");
      }
    }
  }

  private static int serveOneByte(ServerSocket server) {
    try (Socket s = server.accept();
        InputStream in = s.getInputStream()) {
      return in.read();
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
