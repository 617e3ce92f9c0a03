package io.kubemon.it.sim.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A minimal API client for tests and the demo: GET with a bearer token, trusting one CA. */
public final class ApiClient {
  private final URI base;
  private final String token;
  private final HttpClient http;

  public ApiClient(URI base, String caPem, String token) {
    this.base = base;
    this.token = token;
    this.http =
        HttpClient.newBuilder()
            .sslContext(trusting(caPem))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  public HttpResponse<String> get(String pathAndQuery) throws IOException {
    return send(request(pathAndQuery), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The body as sent, not decoded: for the transport's view of a response. */
  public HttpResponse<byte[]> getRaw(String pathAndQuery, String acceptEncoding)
      throws IOException {
    return send(
        request(pathAndQuery).header("Accept-Encoding", acceptEncoding),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(Duration.ofSeconds(20))
            .GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
      throws IOException {
    HttpRequest built = request.build();
    try {
      return http.send(built, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + built.uri().getRawPath(), e);
    }
  }

  static SSLContext trusting(String caPem) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int n = 0;
      for (var cert :
          factory.generateCertificates(
              new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)))) {
        trust.setCertificateEntry("ca-" + n++, (X509Certificate) cert);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot trust the given CA PEM: " + e.getMessage(), e);
    }
  }
}
