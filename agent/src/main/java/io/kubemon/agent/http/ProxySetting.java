package io.kubemon.agent.http;

import io.kubemon.agent.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The --proxy option: an explicit proxy URL, FROM_ENVIRONMENT (curl's {@code https_proxy},
 * {@code http_proxy} for http targets, and {@code no_proxy}) or NO_PROXY.
 */
public record ProxySetting(Mode mode, URI url) {

  public enum Mode {
    URL,
    FROM_ENVIRONMENT,
    NO_PROXY
  }

  public static final ProxySetting FROM_ENVIRONMENT = new ProxySetting(Mode.FROM_ENVIRONMENT, null);
  public static final ProxySetting NO_PROXY = new ProxySetting(Mode.NO_PROXY, null);

  /** @param option the option's name for the error line, e.g. {@code --proxy} */
  public static ProxySetting parse(String option, String value) throws ConfigurationException {
    if ("FROM_ENVIRONMENT".equals(value)) {
      return FROM_ENVIRONMENT;
    }
    if ("NO_PROXY".equals(value)) {
      return NO_PROXY;
    }
    Optional<URI> url = proxyUrl(value);
    if (url.isEmpty()) {
      throw new ConfigurationException(
          option
              + " must be http://HOST:PORT, FROM_ENVIRONMENT or NO_PROXY, got \""
              + value
              + "\"");
    }
    return new ProxySetting(Mode.URL, url.get());
  }

  /** The proxy for {@code target} (https_proxy, or http_proxy for http), empty for none. */
  public Optional<URI> forUrl(URI target, Map<String, String> env) {
    switch (mode) {
      case URL:
        return Optional.of(url);
      case NO_PROXY:
        return Optional.empty();
      default:
        String targetHost = target.getHost();
        String proxy = "http".equalsIgnoreCase(target.getScheme())
            ? firstSet(env, "http_proxy", "HTTP_PROXY")
            : firstSet(env, "https_proxy", "HTTPS_PROXY");
        if (proxy == null || bypassed(targetHost, firstSet(env, "no_proxy", "NO_PROXY"))) {
          return Optional.empty();
        }
        // curl accepts "host:port" without a scheme and treats it as http.
        return proxyUrl(proxy.contains("://") ? proxy : "http://" + proxy);
    }
  }

  @Override
  public String toString() {
    return mode == Mode.URL ? url.toString() : mode.name();
  }

  private static Optional<URI> proxyUrl(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean ok =
          (scheme.equals("http") || scheme.equals("https"))
              && uri.getHost() != null
              && uri.getUserInfo() == null
              && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
              && uri.getQuery() == null;
      return ok ? Optional.of(new URI(scheme, null, uri.getHost(), uri.getPort(), null, null, null))
          : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static String firstSet(Map<String, String> env, String lower, String upper) {
    String value = env.get(lower);
    if (value == null || value.isBlank()) {
      value = env.get(upper);
    }
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * curl's no_proxy rules: {@code *} matches all; an entry matches the host itself and its
   * subdomains (a leading dot is ignored); an IPv4 CIDR matches addresses inside it.
   */
  static boolean bypassed(String host, String noProxy) {
    if (noProxy == null) {
      return false;
    }
    String target = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|\\]$", "");
    for (String raw : noProxy.split(",")) {
      String entry = raw.strip().toLowerCase(Locale.ROOT).replaceAll("^\\.", "");
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.equals("*")
          || target.equals(entry)
          || target.endsWith("." + entry)
          || Ipv4.inCidr(target, entry)) {
        return true;
      }
    }
    return false;
  }

  private static final class Ipv4 {
    static boolean inCidr(String address, String cidr) {
      int slash = cidr.indexOf('/');
      if (slash < 0) {
        return false;
      }
      Long ip = parse(address);
      Long net = parse(cidr.substring(0, slash));
      int bits;
      try {
        bits = Integer.parseInt(cidr.substring(slash + 1));
      } catch (NumberFormatException e) {
        return false;
      }
      if (ip == null || net == null || bits < 0 || bits > 32) {
        return false;
      }
      long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
      return (ip & mask) == (net & mask);
    }

    static Long parse(String text) {
      String[] parts = text.split("\\.", -1);
      if (parts.length != 4) {
        return null;
      }
      long value = 0;
      for (String part : parts) {
        if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
          return null;
        }
        value = (value << 8) | Integer.parseInt(part);
      }
      return value;
    }
  }
}
