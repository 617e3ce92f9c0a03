package io.kubemon.agent.http;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HttpClientHostnameVerifier;
import org.apache.hc.core5.net.InetAddressUtils;

/**
 * Host-name check by the certificate's subjectAltName only (RFC 6125 §6.4.4, as browsers do).
 * HttpClient's {@link DefaultHostnameVerifier} falls back to the subject's CN when a certificate
 * has no DNS name in its subjectAltName; this verifier refuses such a certificate first and leaves
 * the matching of the names to HttpClient.
 */
final class SanOnlyHostnameVerifier implements HttpClientHostnameVerifier {
  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;

  private final DefaultHostnameVerifier names = new DefaultHostnameVerifier();

  /** The server's certificate names no host in its subjectAltName. */
  static final class NoSubjectAltNameException extends SSLPeerUnverifiedException {
    private static final long serialVersionUID = 1L;

    NoSubjectAltNameException(String message) {
      super(message);
    }
  }

  @Override
  public void verify(String host, X509Certificate certificate) throws SSLException {
    if (!hasName(certificate, DNS_NAME) && !hasName(certificate, IP_ADDRESS)) {
      throw new NoSubjectAltNameException("the certificate has no subjectAltName (only its"
          + " subject " + certificate.getSubjectX500Principal().getName() + "); a CN is not"
          + " checked");
    }
    if (!isIpAddress(host) && !hasName(certificate, DNS_NAME)) {
      // HttpClient would compare the CN here.
      throw new SSLPeerUnverifiedException("the certificate names IP addresses only, not <"
          + host + ">");
    }
    names.verify(host, certificate);
  }

  @Override
  public boolean verify(String host, SSLSession session) {
    try {
      verify(host, (X509Certificate) session.getPeerCertificates()[0]);
      return true;
    } catch (SSLException | ClassCastException e) {
      return false;
    }
  }

  private static boolean isIpAddress(String host) {
    String bare = host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1) : host;
    return InetAddressUtils.isIPv4(bare) || InetAddressUtils.isIPv6(bare);
  }

  private static boolean hasName(X509Certificate certificate, int type) {
    try {
      Collection<List<?>> all = certificate.getSubjectAlternativeNames();
      return all != null
          && all.stream().anyMatch(e -> e.size() >= 2 && Integer.valueOf(type).equals(e.get(0)));
    } catch (CertificateParsingException e) {
      return false;
    }
  }
}
