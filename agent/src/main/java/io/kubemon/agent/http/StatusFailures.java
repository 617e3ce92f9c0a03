package io.kubemon.agent.http;

import io.kubemon.agent.source.RequestCatalogue;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** One-line failures for HTTP statuses, with what to fix; 403 names the RBAC rule to grant. */
public final class StatusFailures {
  private StatusFailures() {}

  static final String TOKEN_REJECTED = "token-rejected";
  static final String FORBIDDEN = "rbac-forbidden";
  static final String NOT_FOUND = "http-not-found";
  static final String GONE = "http-gone";
  static final String RETRIES = "server-busy";
  static final String REDIRECT = "redirect-refused";
  static final String UNEXPECTED = "http-unexpected-status";
  static final String PROXY_AUTH = "proxy-auth-required";

  static SourceException of(String request, String path, int status, String location, int tries) {
    return of(request, path, status, location, tries, true);
  }

  /** As above; {@code tokenSent} false means the request carried no token (a direct endpoint). */
  static SourceException of(
      String request, String path, int status, String location, int tries, boolean tokenSent) {
    if (status == 401 && !tokenSent) {
      return fail(request, status, request + ": the endpoint asks for credentials (HTTP 401)",
          "the agent sends its token only to the API server's own origin: reach Prometheus"
              + " through the service proxy (--prometheus-service) instead", TOKEN_REJECTED);
    }
    if (status == 401) {
      return fail(request, status, request + ": the token was rejected (HTTP 401)",
          "the token expired or its Secret was re-created: copy the token of the check-mk-token"
              + " Secret into the rule again", TOKEN_REJECTED);
    }
    if (status == 407) {
      // The proxy's own answer (to CONNECT, or to a request through it); its words are not shown.
      return new SourceException(request, status,
          request + ": the proxy refused the request without valid credentials (HTTP 407)",
          "put the proxy's user and password into --proxy http://USER:PASSWORD@HOST:PORT (or"
              + " https_proxy), percent-encoded, and check them", PROXY_AUTH, null,
          FailureKind.CONNECT);
    }
    if (status == 403) {
      return fail(request, status, request + " forbidden for the agent's token",
          grantHint(path), FORBIDDEN);
    }
    if (status == 404) {
      return fail(request, status, request + ": not found (HTTP 404)",
          "the cluster does not serve this API (check its version), or --api-server-url has a"
              + " wrong path", NOT_FOUND);
    }
    if (status == 410) {
      return fail(request, status, request + ": gone (HTTP 410), the list changed while paging",
          "none needed if it is rare: the next run reads a fresh list", GONE);
    }
    if (status >= 300 && status < 400) {
      return fail(request, status, request + ": redirected (HTTP " + status + ") to "
          + host(location) + ", not followed so the token stays with the API server",
          "set --api-server-url to the address the API server answers on itself", REDIRECT);
    }
    if (status == 429 || status == 502 || status == 503 || status == 504) {
      return fail(request, status, request + ": HTTP " + status + " after " + tries
          + (tries == 1 ? " attempt" : " attempts"),
          "the API server (or a proxy before it) is overloaded or restarting", RETRIES);
    }
    return new SourceException(request, status, request + ": unexpected HTTP " + status,
        "see the API server's log for this request", UNEXPECTED, null,
        status >= 500 ? FailureKind.SERVER_ERROR : FailureKind.UNEXPECTED_RESPONSE);
  }


  /**
   * The rule a path needs and the role of our manifests that grants it, e.g. {@code grant "list
   * cronjobs" (apiGroup batch) to the ClusterRole check-mk-metrics-reader (check_mk_rbac.yaml)}.
   */
  public static String grantHint(String path) {
    String bare = path.replaceAll("[?#].*$", "");
    Optional<RequestCatalogue.Entry> exact =
        RequestCatalogue.all().stream().filter(e -> e.path().equals(bare)).findFirst();
    if (exact.isPresent() && exact.get().nonResource()) {
      return "grant \"get\" on the nonResourceURL " + bare + " to " + Roles.READER;
    }
    List<String> segments =
        Arrays.stream(bare.split("/")).filter(s -> !s.isEmpty()).toList();
    int start;
    String group;
    if (segments.size() >= 3 && segments.get(0).equals("api")) {
      start = 2;
      group = "\"\"";
    } else if (segments.size() >= 4 && segments.get(0).equals("apis")) {
      start = 3;
      group = segments.get(1);
    } else {
      return "grant \"get\" on the nonResourceURL " + bare + " to " + Roles.READER;
    }
    List<String> rest = segments.subList(start, segments.size());
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
      rest = rest.subList(2, rest.size());
    }
    String rule = rest.size() == 1 ? "list " + rest.get(0)
        : rest.size() == 2 ? "get " + rest.get(0) : "get " + rest.get(0) + "/" + rest.get(2);
    String role = switch (rule) {
      case "get services/proxy" ->
          "the Role check-mk-prometheus-proxy in namespace check-mk (check_mk_rbac.yaml)";
      case "get nodes/proxy" -> "the ClusterRole check-mk-kubelet-reader (check_mk_kubelet_rbac.yaml)";
      default -> Roles.READER;
    };
    return "grant \"" + rule + "\" (apiGroup " + group + ") to " + role;
  }

  private static String host(String location) {
    if (location == null) {
      return "an unnamed location";
    }
    try {
      String host = URI.create(location).getHost();
      return host == null ? "another path on the same host" : host;
    } catch (IllegalArgumentException e) {
      return "an unreadable location";
    }
  }

  private static SourceException fail(
      String request, int status, String message, String hint, String anchor) {
    return new SourceException(request, status, message, hint, anchor);
  }

  /**
   * Where check_mk_rbac.yaml grants everything but the two proxy routes. Not a field of this class:
   * its String constants are the anchors of docs/troubleshooting.md.
   */
  private static final class Roles {
    static final String READER = "the ClusterRole check-mk-metrics-reader (check_mk_rbac.yaml)";
  }
}
