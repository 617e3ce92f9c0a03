package io.kubemon.agent.http;

import java.util.Map;

/**
 * The coarse cause of a failed source, for {@code kind} in kubemon_agent_status_v1: what the
 * "Kubernetes API" service tells an admin first (unreachable, untrusted, not Kubernetes, …), while
 * the anchor names the exact entry in docs/troubleshooting.md.
 */
public final class FailureKind {
  private FailureKind() {}

  public static final String CONNECT = "connect";
  public static final String DNS = "dns";
  public static final String TIMEOUT = "timeout";
  public static final String DEADLINE = "deadline";
  public static final String TLS = "tls";
  public static final String PLAIN_HTTP = "plain-http";
  public static final String UNAUTHORIZED = "unauthorized";
  public static final String FORBIDDEN = "forbidden";
  public static final String NOT_FOUND = "not-found";
  public static final String GONE = "gone";
  public static final String REDIRECT = "redirect";
  public static final String SERVER_ERROR = "server-error";
  public static final String UNEXPECTED_RESPONSE = "unexpected-response";
  public static final String LIMIT = "limit";
  public static final String INTERNAL = "internal";
  public static final String OTHER = "other";

  private static final Map<String, String> BY_ANCHOR =
      Map.ofEntries(
          Map.entry("connection-refused", CONNECT),
          Map.entry("connection-failed", CONNECT),
          Map.entry("proxy-auth-required", CONNECT),
          Map.entry("unknown-host", DNS),
          Map.entry("connect-timeout", TIMEOUT),
          Map.entry("read-timeout", TIMEOUT),
          Map.entry("deadline-reached", DEADLINE),
          Map.entry("kubelet-timeout", DEADLINE),
          Map.entry("tls-unknown-ca", TLS),
          Map.entry("tls-certificate-expired", TLS),
          Map.entry("tls-hostname-mismatch", TLS),
          Map.entry("tls-no-subject-alt-name", TLS),
          Map.entry("tls-handshake-failed", TLS),
          Map.entry("plain-http", PLAIN_HTTP),
          Map.entry("token-rejected", UNAUTHORIZED),
          Map.entry("rbac-forbidden", FORBIDDEN),
          Map.entry("http-not-found", NOT_FOUND),
          Map.entry("http-gone", GONE),
          Map.entry("redirect-refused", REDIRECT),
          Map.entry("server-busy", SERVER_ERROR),
          Map.entry("invalid-json", UNEXPECTED_RESPONSE),
          Map.entry("unexpected-content-type", UNEXPECTED_RESPONSE),
          Map.entry("unreadable-response", UNEXPECTED_RESPONSE),
          Map.entry("unexpected-response", UNEXPECTED_RESPONSE),
          Map.entry("kubelet-summary", UNEXPECTED_RESPONSE),
          Map.entry("body-too-large", LIMIT),
          Map.entry("limit-reached", LIMIT),
          Map.entry("out-of-memory", LIMIT),
          Map.entry("agent-error", INTERNAL));

  /**
   * The kind of a failure with this anchor; for an anchor of a source's own (e.g. {@code
   * metrics-api}, which wraps a transport failure) the kind of {@code cause}, else {@link #OTHER}.
   */
  static String of(String anchor, Throwable cause) {
    String kind = anchor == null ? null : BY_ANCHOR.get(anchor);
    if (kind != null) {
      return kind;
    }
    if (cause instanceof SourceException source) {
      return source.kind();
    }
    return OTHER;
  }
}
