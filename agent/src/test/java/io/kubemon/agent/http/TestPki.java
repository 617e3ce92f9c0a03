package io.kubemon.agent.http;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away CA and server certificates for local HTTPS servers, made fresh per test run. */
public final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private final String name;
  private final KeyPair caKeys;
  private final X509Certificate ca;

  public TestPki(String name) {
    try {
      this.name = name;
      this.caKeys = keys();
      X500Name subject = new X500Name("CN=" + name);
      Instant now = Instant.now();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minusSeconds(60)),
              Date.from(now.plus(Duration.ofDays(1))), subject, caKeys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      this.ca = sign(builder);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the test CA", e);
    }
  }

  public X509Certificate ca() {
    return ca;
  }

  public String caPem() {
    return pem(ca);
  }

  /** A key store for a server whose certificate names {@code sans} (IPs or DNS names). */
  public KeyStore serverKeyStore(Instant notAfter, String... sans) {
    return serverKeyStoreWithCn(notAfter, name + "-server", sans);
  }

  /**
   * A key store for a server whose certificate has subject {@code CN=cn} and names {@code sans}
   * in its subjectAltName; with no sans it has no subjectAltName extension at all (a CN-only
   * certificate, as old tools made them).
   */
  public KeyStore serverKeyStoreWithCn(Instant notAfter, String cn, String... sans) {
    try {
      KeyPair keys = keys();
      Instant notBefore = notAfter.isBefore(Instant.now())
          ? notAfter.minus(Duration.ofDays(2)) : Instant.now().minusSeconds(60);
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(new X500Name("CN=" + name), serial(),
              Date.from(notBefore), Date.from(notAfter),
              new X500Name("CN=" + cn), keys.getPublic());
      GeneralName[] names = new GeneralName[sans.length];
      for (int i = 0; i < sans.length; i++) {
        names[i] = new GeneralName(
            sans[i].matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName, sans[i]);
      }
      if (names.length > 0) {
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
      X509Certificate leaf = sign(builder);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", keys.getPrivate(), PASSWORD,
          new X509Certificate[] {leaf, ca});
      return store;
    } catch (Exception e) {
      throw new IllegalStateException("cannot create a test server certificate", e);
    }
  }

  /** A valid server certificate for 127.0.0.1 and localhost. */
  public KeyStore localServerKeyStore() {
    return serverKeyStore(Instant.now().plus(Duration.ofDays(1)), "127.0.0.1", "localhost");
  }

  static final char[] PASSWORD = "test".toCharArray();

  public static String pem(X509Certificate certificate) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(certificate);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return text.toString();
  }

  private X509Certificate sign(X509v3CertificateBuilder builder) throws Exception {
    ContentSigner signer =
        new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static KeyPair keys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIAL.incrementAndGet());
  }
}
