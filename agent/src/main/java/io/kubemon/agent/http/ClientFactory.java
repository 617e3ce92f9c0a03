package io.kubemon.agent.http;

import java.time.Duration;
import java.util.Optional;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/** Builds the one pooled HttpClient of a {@link HttpJsonSource}. */
final class ClientFactory {
  private ClientFactory() {}

  /** Sources run concurrently (kubelet requests up to --kubelet-concurrency); one host only. */
  private static final int MAX_CONNECTIONS = 16;

  static CloseableHttpClient build(
      HttpSettings settings, Deadline deadline, Optional<HttpHost> proxy, WireStats wire) {
    // The client checks the host name itself (CLIENT policy), so a mismatch surfaces as
    // SSLPeerUnverifiedException and is told apart from an unknown CA.
    ClientTlsStrategyBuilder tls =
        ClientTlsStrategyBuilder.create()
            .setSslContext(settings.tls().sslContext())
            .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
            .setHostnameVerifier(
                settings.tls().noCertCheck()
                    ? NoopHostnameVerifier.INSTANCE
                    : new DefaultHostnameVerifier());
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setTlsSocketStrategy(tls.buildClassic())
            .setMaxConnTotal(MAX_CONNECTIONS)
            .setMaxConnPerRoute(MAX_CONNECTIONS)
            .setConnectionConfigResolver(
                route ->
                    ConnectionConfig.custom()
                        .setConnectTimeout(positive(deadline.cap(settings.connectTimeout())))
                        .setSocketTimeout(positive(deadline.cap(settings.readTimeout())))
                        .build())
            .build();
    HttpClientBuilder builder =
        HttpClientBuilder.create()
            .setConnectionManager(pool)
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            // HttpJsonSource asks for gzip and inflates itself (the connection goes back to the
            // pool only once the raw body is read to its end).
            .disableContentCompression()
            .setUserAgent("kubemon-agent")
            .addResponseInterceptorFirst(wire);
    proxy.ifPresent(builder::setProxy);
    return builder.build();
  }

  /** A zero timeout means "wait forever" to HttpClient; the deadline check fails the request. */
  private static Timeout positive(Duration duration) {
    return Timeout.of(duration.isZero() ? Duration.ofMillis(1) : duration);
  }
}
