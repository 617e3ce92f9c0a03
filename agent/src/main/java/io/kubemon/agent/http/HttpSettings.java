package io.kubemon.agent.http;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach one server.
 *
 * @param baseUrl scheme, host, port and an optional path prefix (no trailing slash)
 * @param readTimeout socket inactivity per request
 * @param maxBodyBytes bytes of one body after decompression (--max-response-mib)
 */
public record HttpSettings(
    URI baseUrl,
    TlsSettings tls,
    ProxySetting proxy,
    Duration connectTimeout,
    Duration readTimeout,
    long maxBodyBytes) {

  public HttpSettings(
      URI baseUrl,
      TlsSettings tls,
      ProxySetting proxy,
      Duration connectTimeout,
      Duration readTimeout) {
    this(baseUrl, tls, proxy, connectTimeout, readTimeout, Limits.DEFAULT.maxResponseBytes());
  }
}
