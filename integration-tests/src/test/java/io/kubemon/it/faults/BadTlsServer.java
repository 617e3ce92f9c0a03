package io.kubemon.it.faults;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away HTTPS server on 127.0.0.1 whose certificate is wrong in one way, signed by a CA of
 * its own that the agent is given: expired yesterday, or naming only another host. Counts the
 * requests that got past the handshake (none may). With {@link Flaw#NONE} the certificate is
 * right and a handler of the test answers ({@link HostileApi}).
 */
final class BadTlsServer implements AutoCloseable {
  enum Flaw {
    NONE,
    EXPIRED,
    OTHER_HOST_NAME
  }

  private final HttpsServer server;
  private final String caPem;
  private final AtomicInteger requests = new AtomicInteger();

  private BadTlsServer(Flaw flaw, HttpHandler handler)
      throws IOException, GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair caKeys = generator.generateKeyPair();
    KeyPair serverKeys = generator.generateKeyPair();
    Instant now = Instant.now();
    X500Name caName = new X500Name("CN=kubemon-fault-ca@" + now.getEpochSecond());
    X509Certificate ca =
        sign(
            builder(
                    caName,
                    caName,
                    caKeys,
                    now.minus(Duration.ofDays(2)),
                    now.plus(Duration.ofDays(2)))
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)),
            caKeys.getPrivate());
    boolean expired = flaw == Flaw.EXPIRED;
    GeneralName name =
        flaw == Flaw.OTHER_HOST_NAME
            ? new GeneralName(GeneralName.dNSName, "elsewhere.example")
            : new GeneralName(GeneralName.iPAddress, "127.0.0.1");
    X509Certificate leaf =
        sign(
            builder(
                    caName,
                    new X500Name("CN=kube-apiserver"),
                    serverKeys,
                    now.minus(Duration.ofDays(2)),
                    expired ? now.minus(Duration.ofDays(1)) : now.plus(Duration.ofDays(1)))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name)),
            caKeys.getPrivate());
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(context(serverKeys.getPrivate(), leaf, ca)));
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          if (handler != null) {
            handler.handle(exchange);
            return;
          }
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    caPem = pem(ca);
  }

  static BadTlsServer start(Flaw flaw) {
    return start(flaw, null);
  }

  /** A server whose requests {@code handler} answers; null answers 404. */
  static BadTlsServer start(Flaw flaw, HttpHandler handler) {
    try {
      return new BadTlsServer(flaw, handler);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot start a TLS server with a " + flaw + " flaw", e);
    }
  }

  URI url() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  String caPem() {
    return caPem;
  }

  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
    if (server.getExecutor() instanceof java.util.concurrent.ExecutorService pool) {
      pool.shutdownNow();
    }
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair keys, Instant from, Instant to) {
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(System.nanoTime()),
        Date.from(from),
        Date.from(to),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static SSLContext context(PrivateKey key, X509Certificate leaf, X509Certificate ca)
      throws GeneralSecurityException, IOException {
    char[] password = "fault".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", key, password, new X509Certificate[] {leaf, ca});
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static String pem(X509Certificate certificate) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(certificate);
    }
    return text.toString();
  }
}
