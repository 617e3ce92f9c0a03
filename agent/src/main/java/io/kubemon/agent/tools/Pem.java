package io.kubemon.agent.tools;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** PEM text for certificates and PKCS#8 keys, the forms kubernetes.io/tls Secrets hold. */
final class Pem {
  private Pem() {}

  static String certificate(X509Certificate cert) throws GeneralSecurityException {
    return encode("CERTIFICATE", cert.getEncoded());
  }

  static String privateKey(PrivateKey key) {
    return encode("PRIVATE KEY", key.getEncoded());
  }

  static String encode(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  static X509Certificate readCertificate(String pem) throws GeneralSecurityException {
    byte[] der = read(pem, "CERTIFICATE");
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new java.io.ByteArrayInputStream(der));
  }

  static PrivateKey readEcPrivateKey(String pem) throws GeneralSecurityException {
    return KeyFactory.getInstance("EC")
        .generatePrivate(new PKCS8EncodedKeySpec(read(pem, "PRIVATE KEY")));
  }

  private static byte[] read(String pem, String type) throws GeneralSecurityException {
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      PemObject object = reader.readPemObject();
      if (object == null || !object.getType().equals(type)) {
        throw new GeneralSecurityException("expected a PEM " + type + " block");
      }
      return object.getContent();
    } catch (IOException e) {
      throw new GeneralSecurityException("unreadable PEM " + type + ": " + e.getMessage(), e);
    }
  }
}
