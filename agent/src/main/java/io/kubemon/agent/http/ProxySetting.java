package io.kubemon.agent.http;

import io.kubemon.agent.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The --proxy option: an explicit proxy URL, FROM_ENVIRONMENT (curl's {@code https_proxy},
 * {@code http_proxy} for http targets, and {@code no_proxy}) or NO_PROXY. A proxy URL may carry
 * {@code USER:PASSWORD@} (percent-encoded, as curl reads it): the agent then authenticates to the
 * proxy with Basic (Proxy-Authorization, on CONNECT too) and never prints the password.
 */
public record ProxySetting(Mode mode, Proxy proxy) {

  public enum Mode {
    URL,
    FROM_ENVIRONMENT,
    NO_PROXY
  }

  /**
   * One proxy: where it is, and its credentials or null.
   *
   * @param url scheme, host and port only
   */
  public record Proxy(URI url, Credentials credentials) {
    /** The URL without credentials, and whether there are any; never the user or password. */
    @Override
    public String toString() {
      return url + (credentials == null ? "" : " (with credentials)");
    }
  }

  /** A proxy user and password; prints without the password. */
  public record Credentials(String user, String password) {
    @Override
    public String toString() {
      return "****";
    }
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
    Optional<Proxy> proxy = proxy(value);
    if (proxy.isEmpty()) {
      throw new ConfigurationException(
          option
              + " must be http://[USER:PASSWORD@]HOST:PORT, FROM_ENVIRONMENT or NO_PROXY, got \""
              + withoutCredentials(value)
              + "\"");
    }
    return new ProxySetting(Mode.URL, proxy.get());
  }

  /** The proxy for {@code target} (https_proxy, or http_proxy for http), empty for none. */
  public Optional<Proxy> forUrl(URI target, Map<String, String> env) {
    switch (mode) {
      case URL:
        return Optional.of(proxy);
      case NO_PROXY:
        return Optional.empty();
      default:
        String targetHost = target.getHost();
        String value = "http".equalsIgnoreCase(target.getScheme())
            ? firstSet(env, "http_proxy", "HTTP_PROXY")
            : firstSet(env, "https_proxy", "HTTPS_PROXY");
        if (value == null || bypassed(targetHost, firstSet(env, "no_proxy", "NO_PROXY"))) {
          return Optional.empty();
        }
        // curl accepts "host:port" without a scheme and treats it as http.
        return proxy(value.contains("://") ? value : "http://" + value);
    }
  }

  @Override
  public String toString() {
    return mode == Mode.URL ? proxy.toString() : mode.name();
  }

  /** {@code value} for an error line: anything before an {@code @} masked. */
  static String withoutCredentials(String value) {
    int at = value.lastIndexOf('@');
    if (at < 0) {
      return value;
    }
    int scheme = value.indexOf("://");
    String prefix = scheme >= 0 && scheme < at ? value.substring(0, scheme + 3) : "";
    return prefix + "***" + value.substring(at);
  }

  private static Optional<Proxy> proxy(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean ok =
          (scheme.equals("http") || scheme.equals("https"))
              && uri.getHost() != null
              && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
              && uri.getQuery() == null
              && uri.getFragment() == null;
      if (!ok) {
        return Optional.empty();
      }
      Credentials credentials = null;
      String userInfo = uri.getRawUserInfo();
      if (userInfo != null) {
        int colon = userInfo.indexOf(':');
        if (colon <= 0) {
          return Optional.empty(); // a user without password: curl would prompt for one
        }
        credentials = new Credentials(
            decode(userInfo.substring(0, colon)), decode(userInfo.substring(colon + 1)));
      }
      URI url = new URI(scheme, null, uri.getHost(), uri.getPort(), null, null, null);
      return Optional.of(new Proxy(url, credentials));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Percent-decoding as in a URL's user info: a {@code +} stays a plus. */
  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
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
