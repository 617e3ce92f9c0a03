package io.kubemon.agent.http;

import io.kubemon.agent.ConfigurationException;
import io.kubemon.agent.secret.RegularFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How the server's certificate is checked: against the given CAs (a cluster CA is usually
 * self-signed and in no public store), against the JVM's trusted CAs plus the Checkmk site's
 * trusted CAs ({@code $OMD_ROOT/var/ssl/ca-certificates.crt}, what Setup's "Trusted certificate
 * authorities" writes) when none are given, or not at all (--no-cert-check).
 *
 * @param source where the CAs came from: {@code file}, {@code inline} or {@code jvm-default}
 * @param path the PEM file for source {@code file}, else null
 */
public record TlsSettings(
    String source, Path path, List<X509Certificate> trustedCas, boolean noCertCheck) {

  public static final TlsSettings JVM_DEFAULT =
      new TlsSettings("jvm-default", null, List.of(), false);

  public TlsSettings {
    trustedCas = List.copyOf(trustedCas);
  }

  /** A CA bundle: the system's holds about 150 CAs in 220 KiB. */
  static final long MAX_PEM_BYTES = 4L << 20;

  public static TlsSettings insecure() {
    return new TlsSettings("none", null, List.of(), true);
  }

  public static TlsSettings fromFile(String option, Path path) throws ConfigurationException {
    byte[] pem = RegularFile.read(option, path, MAX_PEM_BYTES);
    return new TlsSettings("file", path, parsePem(option + " " + path, pem), false);
  }

  public static TlsSettings fromInline(String option, String pem) throws ConfigurationException {
    return new TlsSettings("inline", null, parsePem(option, pem.getBytes(StandardCharsets.UTF_8)),
        false);
  }

  /** One or more concatenated PEM certificates (a CA bundle). */
  static List<X509Certificate> parsePem(String origin, byte[] pem) throws ConfigurationException {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(pem))) {
        certificates.add((X509Certificate) c);
      }
    } catch (CertificateException e) {
      throw new ConfigurationException(
          origin + " is not a PEM certificate (-----BEGIN CERTIFICATE-----)", e);
    }
    if (certificates.isEmpty()) {
      throw new ConfigurationException(
          origin + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    return certificates;
  }

  /**
   * The Checkmk site's trusted CAs, when the agent runs on a site ({@code OMD_ROOT} set) and the
   * bundle exists and parses; else none (the JVM's store alone then decides).
   */
  static List<X509Certificate> siteCas(java.util.Map<String, String> env) {
    String root = env.get("OMD_ROOT");
    if (root == null || root.isBlank()) {
      return List.of();
    }
    Path bundle = Path.of(root, "var", "ssl", "ca-certificates.crt");
    try {
      return Files.isReadable(bundle)
          ? parsePem(bundle.toString(), RegularFile.read("site CA bundle", bundle, MAX_PEM_BYTES))
          : List.of();
    } catch (ConfigurationException e) {
      return List.of();
    }
  }

  public List<String> subjects() {
    return trustedCas.stream().map(c -> c.getSubjectX500Principal().getName()).toList();
  }

  SSLContext sslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("the JVM cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private TrustManager[] trustManagers() throws GeneralSecurityException, IOException {
    if (noCertCheck) {
      return new TrustManager[] {new TrustAll()};
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    List<X509Certificate> site = trustedCas.isEmpty() ? siteCas(System.getenv()) : List.of();
    if (trustedCas.isEmpty() && site.isEmpty()) {
      factory.init((KeyStore) null);
    } else if (trustedCas.isEmpty()) {
      factory.init((KeyStore) null);
      List<X509Certificate> both = new ArrayList<>(site);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager x509) {
          both.addAll(List.of(x509.getAcceptedIssuers()));
        }
      }
      return new TlsSettings("site", null, both, false).trustManagers();
    } else {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < trustedCas.size(); i++) {
        store.setCertificateEntry("ca-" + i, trustedCas.get(i));
      }
      factory.init(store);
    }
    return factory.getTrustManagers();
  }

  /**
   * Accepts every chain. Extended, so that JSSE does not wrap it with its own host-name check; the
   * host-name check is switched off separately.
   */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
