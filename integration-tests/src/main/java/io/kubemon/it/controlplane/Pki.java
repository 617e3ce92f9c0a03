package io.kubemon.it.controlplane;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The control plane's certificates and keys, as kubeadm lays them out: a cluster CA that signs the
 * API server's serving certificate and every client identity, a front-proxy CA for the aggregator,
 * and the service-account signing key. Written as PEM files (private keys 0600) into one folder.
 */
final class Pki {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis() * 1000);

  /** A certificate and its key on disk. */
  record Pair(Path cert, Path key, X509Certificate certificate, PrivateKey privateKey) {}

  private final Path dir;
  private final Pair ca;
  private final Pair frontProxyCa;
  private final KeyPair caKeys;
  private final KeyPair frontProxyKeys;

  private Pki(Path dir) throws IOException, GeneralSecurityException {
    this.dir = dir;
    caKeys = keys();
    ca = write("ca", selfSigned("kubernetes", caKeys), caKeys.getPrivate());
    frontProxyKeys = keys();
    frontProxyCa =
        write("front-proxy-ca", selfSigned("front-proxy-ca", frontProxyKeys),
            frontProxyKeys.getPrivate());
  }

  static Pki create(Path dir) throws IOException {
    try {
      Files.createDirectories(dir);
      return new Pki(dir);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot generate the control plane's certificates: " + e, e);
    }
  }

  Pair ca() {
    return ca;
  }

  Pair frontProxyCa() {
    return frontProxyCa;
  }

  /** A serving certificate of the cluster CA for these DNS names and IP addresses. */
  Pair serving(String name, List<String> dnsNames, List<String> ips) throws IOException {
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
    ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    return issue(
        name, "CN=" + name, caKeys, ca.certificate(), KeyPurposeId.id_kp_serverAuth,
        new GeneralNames(names.toArray(GeneralName[]::new)));
  }

  /**
   * A serving certificate for {@code ips} signed by its own key, not by the cluster CA: what a
   * kubelet makes for itself where serving certificates are not bootstrapped (kubeadm's default).
   */
  Pair selfSignedServing(String name, List<String> ips) throws IOException {
    try {
      KeyPair keys = keys();
      X500Name subject = new X500Name("CN=" + name + "@self-signed");
      List<GeneralName> names = new ArrayList<>();
      ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
      X509v3CertificateBuilder builder = builder(subject, subject, keys)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true,
              new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
          .addExtension(Extension.extendedKeyUsage, false,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false,
              new GeneralNames(names.toArray(GeneralName[]::new)));
      return write(name + "-self-signed", sign(builder, keys.getPrivate()), keys.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot make a self-signed certificate for " + name + ": " + e, e);
    }
  }

  /** A client certificate of the cluster CA: the API server maps CN to user and O to groups. */
  Pair client(String file, String user, String... groups) throws IOException {
    StringBuilder subject = new StringBuilder();
    for (String group : groups) {
      subject.append("O=").append(group).append(',');
    }
    subject.append("CN=").append(user);
    return issue(
        file, subject.toString(), caKeys, ca.certificate(), KeyPurposeId.id_kp_clientAuth, null);
  }

  /** The aggregator's client certificate, of the front-proxy CA. */
  Pair frontProxyClient() throws IOException {
    return issue(
        "front-proxy-client", "CN=front-proxy-client", frontProxyKeys, frontProxyCa.certificate(),
        KeyPurposeId.id_kp_clientAuth, null);
  }

  /** The service-account signing key ({@code sa.key}) and its public half ({@code sa.pub}). */
  record ServiceAccountKeys(Path privateKey, Path publicKey) {}

  ServiceAccountKeys serviceAccountKeys() throws IOException {
    try {
      KeyPair keys = keys();
      Path publicKey = dir.resolve("sa.pub");
      Files.writeString(publicKey, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
      return new ServiceAccountKeys(writeKey(dir.resolve("sa.key"), keys.getPrivate()), publicKey);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot generate the service-account key: " + e, e);
    }
  }

  /** A kubeconfig for a client identity against the API server at {@code server}. */
  Path kubeconfig(String name, String server, Pair client) throws IOException {
    String yaml =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: kubemon-controlplane
          cluster:
            server: %s
            certificate-authority-data: %s
        users:
        - name: %s
          user:
            client-certificate-data: %s
            client-key-data: %s
        contexts:
        - name: %s
          context: {cluster: kubemon-controlplane, user: %s}
        current-context: %s
        """
            .formatted(
                server, base64(ca.cert()), name, base64(client.cert()), base64(client.key()), name,
                name, name);
    Path file = dir.resolve(name + ".kubeconfig");
    Files.writeString(file, yaml);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  /** A TLS context that presents {@code client} and trusts only the cluster CA. */
  SSLContext clientContext(Pair client) throws IOException {
    try {
      char[] password = "controlplane".toCharArray();
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "client", client.privateKey(), password, new X509Certificate[] {client.certificate()});
      KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      km.init(keys, password);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca.certificate());
      TrustManagerFactory tm =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tm.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(km.getKeyManagers(), tm.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot build a TLS client context: " + e, e);
    }
  }

  private Pair issue(
      String file, String subject, KeyPair issuerKeys, X509Certificate issuer,
      KeyPurposeId purpose, GeneralNames names) throws IOException {
    try {
      KeyPair keys = keys();
      X509v3CertificateBuilder builder =
          builder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                  new X500Name(subject), keys)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage, true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
              .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      if (names != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, names);
      }
      return write(file, sign(builder, issuerKeys.getPrivate()), keys.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot issue " + subject + ": " + e, e);
    }
  }

  private static X509Certificate selfSigned(String cn, KeyPair keys)
      throws IOException, GeneralSecurityException {
    X500Name name = new X500Name("CN=" + cn);
    return sign(
        builder(name, name, keys)
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
            .addExtension(
                Extension.keyUsage, true,
                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature)),
        keys.getPrivate());
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(30))),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair keys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private Pair write(String name, X509Certificate certificate, PrivateKey key) throws IOException {
    Path cert = dir.resolve(name + ".crt");
    Files.writeString(cert, pem(certificate));
    return new Pair(cert, writeKey(dir.resolve(name + ".key"), key), certificate, key);
  }

  private static Path writeKey(Path file, PrivateKey key) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    // PKCS#8 ("PRIVATE KEY") carries the curve; Go reads it, a bare SEC1 key it does not.
    Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()));
    return file;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }

  private static String base64(Path file) throws IOException {
    return Base64.getEncoder()
        .encodeToString(Files.readString(file).getBytes(StandardCharsets.UTF_8));
  }
}
