package io.kubemon.agent.http;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.auth.BasicScheme;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
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
      HttpSettings settings,
      Deadline deadline,
      Optional<ProxySetting.Proxy> proxy,
      WireStats wire) {
    // The client checks the host name itself (CLIENT policy), so a mismatch surfaces as
    // SSLPeerUnverifiedException and is told apart from an unknown CA; by subjectAltName only.
    ClientTlsStrategyBuilder tls =
        ClientTlsStrategyBuilder.create()
            .setSslContext(settings.tls().sslContext())
            .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
            .setHostnameVerifier(
                settings.tls().noCertCheck()
                    ? NoopHostnameVerifier.INSTANCE
                    : new SanOnlyHostnameVerifier());
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
    proxy.ifPresent(p -> {
      HttpHost host = HttpHost.create(p.url());
      builder.setProxy(host);
      if (p.credentials() != null) {
        // Scoped to the proxy alone: a server that asks for Basic gets nothing.
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(new AuthScope(host), usernamePassword(p.credentials()));
        builder.setDefaultCredentialsProvider(credentials);
      }
    });
    return builder.build();
  }

  /**
   * Basic to the proxy on the first request of each exchange (CONNECT included), as curl sends
   * it, instead of waiting for a 407 first; null without a proxy or credentials.
   */
  static Consumer<HttpClientContext> preemptiveProxyAuth(Optional<ProxySetting.Proxy> proxy) {
    if (proxy.isEmpty() || proxy.get().credentials() == null) {
      return null;
    }
    HttpHost host = HttpHost.create(proxy.get().url());
    UsernamePasswordCredentials credentials = usernamePassword(proxy.get().credentials());
    return context -> {
      BasicScheme basic = new BasicScheme();
      basic.initPreemptive(credentials);
      context.resetAuthExchange(host, basic);
    };
  }

  private static UsernamePasswordCredentials usernamePassword(ProxySetting.Credentials c) {
    return new UsernamePasswordCredentials(c.user(), c.password().toCharArray());
  }

  /** A zero timeout means "wait forever" to HttpClient; the deadline check fails the request. */
  static Timeout positive(Duration duration) {
    // Whole milliseconds, rounded up: sockets take milliseconds, and a timeout cut short by the
    // rounding would fire just before the deadline and read as a connect or read timeout.
    long millis = duration.toMillis() + (duration.toNanos() % 1_000_000 == 0 ? 0 : 1);
    return Timeout.ofMilliseconds(Math.max(1, millis));
  }
}
