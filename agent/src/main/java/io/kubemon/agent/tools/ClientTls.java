package io.kubemon.agent.tools;

import io.kubemon.agent.ConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** An SSLContext that trusts the kubeconfig's CA and presents its client certificate, if any. */
final class ClientTls {
  private ClientTls() {}

  private static final char[] NO_PASSWORD = new char[0];

  static SSLContext context(Kubeconfig config) throws ConfigurationException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(config), trustManagers(config.caPem()), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigurationException(
          "--kubeconfig: unusable certificate or key ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
    }
  }

  /** Without a CA in the kubeconfig the JDK's default trust store applies (a public CA). */
  private static TrustManager[] trustManagers(String caPem)
      throws GeneralSecurityException, IOException {
    if (caPem == null) {
      return null;
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    int i = 0;
    for (Certificate cert : certificates(caPem)) {
      trust.setCertificateEntry("ca-" + i++, cert);
    }
    if (i == 0) {
      throw new GeneralSecurityException("certificate-authority holds no PEM certificate");
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    return factory.getTrustManagers();
  }

  private static KeyManager[] keyManagers(Kubeconfig config)
      throws GeneralSecurityException, IOException {
    if (config.clientCertPem() == null || config.clientKeyPem() == null) {
      return null;
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    Collection<? extends Certificate> chain = certificates(config.clientCertPem());
    keys.setKeyEntry(
        "client",
        privateKey(config.clientKeyPem()),
        NO_PASSWORD,
        chain.toArray(Certificate[]::new));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, NO_PASSWORD);
    return factory.getKeyManagers();
  }

  private static Collection<? extends Certificate> certificates(String pem)
      throws GeneralSecurityException {
    return CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  /** PKCS#1 ("RSA PRIVATE KEY"), SEC1 ("EC PRIVATE KEY", k3s) or PKCS#8 ("PRIVATE KEY"). */
  private static PrivateKey privateKey(String pem) throws IOException, GeneralSecurityException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PEMKeyPair pair) {
        // A SEC1 key may omit its public half; the private key info alone suffices.
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new GeneralSecurityException("client-key holds no unencrypted PEM private key");
    }
  }
}
