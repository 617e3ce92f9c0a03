package io.kubemon.agent.tools;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private CA for kubemon's in-cluster TLS (Prometheus, prometheus-adapter). ECDSA P-256 keys,
 * which Go's crypto/tls (Prometheus, the adapter, the API server) and the JDK all accept.
 */
final class CertificateAuthority {
  static final Duration CA_VALIDITY = Duration.ofDays(3650);

  /** Clock skew between the machine running certs and the cluster nodes. */
  private static final Duration BACKDATE = Duration.ofHours(1);

  private static final SecureRandom RANDOM = new SecureRandom();

  final X509Certificate certificate;
  final PrivateKey key;

  CertificateAuthority(X509Certificate certificate, PrivateKey key) {
    this.certificate = certificate;
    this.key = key;
  }

  /** A leaf certificate and its key. */
  record Issued(X509Certificate certificate, PrivateKey key) {}

  static CertificateAuthority create(String commonName, Instant now)
      throws GeneralSecurityException {
    KeyPair pair = newKeyPair();
    X500Name name = new X500Name("CN=" + commonName);
    try {
      X509v3CertificateBuilder builder = builder(name, name, pair, now, CA_VALIDITY);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      return new CertificateAuthority(sign(builder, pair.getPrivate()), pair.getPrivate());
    } catch (CertIOException e) {
      throw new GeneralSecurityException("cannot encode the CA certificate", e);
    }
  }

  /** A TLS server certificate for {@code names}: DNS names, or IP addresses written as such. */
  Issued issueServer(String commonName, List<String> names, Instant now, Duration validity)
      throws GeneralSecurityException {
    return issue(commonName, names, now, validity, KeyPurposeId.id_kp_serverAuth);
  }

  /** A TLS client certificate, as kubeconfig users of k3s and kubeadm carry. */
  Issued issueClient(String commonName, Instant now, Duration validity)
      throws GeneralSecurityException {
    return issue(commonName, List.of(), now, validity, KeyPurposeId.id_kp_clientAuth);
  }

  private Issued issue(
      String commonName, List<String> names, Instant now, Duration validity, KeyPurposeId purpose)
      throws GeneralSecurityException {
    KeyPair pair = newKeyPair();
    X500Name issuer = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    try {
      X509v3CertificateBuilder builder =
          builder(issuer, new X500Name("CN=" + commonName), pair, now, validity);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      if (!names.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false, altNames(names));
      }
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
      return new Issued(sign(builder, key), pair.getPrivate());
    } catch (CertIOException e) {
      throw new GeneralSecurityException("cannot encode the certificate for " + commonName, e);
    }
  }

  private static GeneralNames altNames(List<String> names) {
    List<GeneralName> out = new ArrayList<>();
    for (String name : names) {
      out.add(
          new GeneralName(isIpLiteral(name) ? GeneralName.iPAddress : GeneralName.dNSName, name));
    }
    return new GeneralNames(out.toArray(GeneralName[]::new));
  }

  static boolean isIpLiteral(String name) {
    if (name.contains(":")) {
      return true;
    }
    if (!name.matches("[0-9.]+")) {
      return false;
    }
    try {
      InetAddress.getByName(name);
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair pair, Instant now, Duration validity) {
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(127, RANDOM).add(BigInteger.ONE),
        Date.from(now.minus(BACKDATE)),
        Date.from(now.plus(validity)),
        subject,
        pair.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign with SHA256withECDSA", e);
    }
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }
}
