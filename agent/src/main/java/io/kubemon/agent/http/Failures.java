package io.kubemon.agent.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.zip.ZipException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;

/**
 * Turns transport and TLS failures into one-line {@link SourceException}s with a hint and the
 * anchor of their entry in docs/troubleshooting.md. Messages name the request and never the token.
 */
public final class Failures {
  private Failures() {}

  static final String CONNECTION_REFUSED = "connection-refused";
  static final String UNKNOWN_HOST = "unknown-host";
  static final String CONNECT_TIMEOUT = "connect-timeout";
  static final String READ_TIMEOUT = "read-timeout";
  static final String DEADLINE = "deadline-reached";
  static final String TLS_UNKNOWN_CA = "tls-unknown-ca";
  static final String TLS_EXPIRED = "tls-certificate-expired";
  static final String TLS_HOSTNAME = "tls-hostname-mismatch";
  static final String TLS_NO_SAN = "tls-no-subject-alt-name";
  static final String TLS_OTHER = "tls-handshake-failed";
  static final String PLAIN_HTTP = "plain-http";
  static final String CONNECTION_FAILED = "connection-failed";
  static final String INVALID_JSON = "invalid-json";
  static final String CONTENT_TYPE = "unexpected-content-type";
  static final String BODY_TOO_LARGE = "body-too-large";

  static SourceException deadline(String request, Deadline deadline) {
    deadline.markHit();
    return new SourceException(
        request,
        null,
        request + ": deadline reached (--deadline " + seconds(deadline.total()) + " s)",
        "raise --deadline (below the check interval) or monitor fewer objects",
        DEADLINE);
  }

  static SourceException transport(
      String request, String server, IOException e, Deadline deadline) {
    if (byDeadline(e, deadline)) {
      return deadline(request, deadline);
    }
    if (e instanceof SSLException) {
      return tls(request, server, (SSLException) e);
    }
    if (e instanceof ConnectTimeoutException) {
      return fail(request, server + ": connect timeout", CONNECT_TIMEOUT, e,
          "check that a firewall lets the Checkmk server reach " + server
              + ", or raise --connect-timeout");
    }
    if (e instanceof SocketTimeoutException) {
      return fail(request, server + " sent nothing within --read-timeout", READ_TIMEOUT, e,
          "the API server is overloaded; raise --read-timeout or monitor fewer objects");
    }
    if (e instanceof UnknownHostException) {
      return fail(request, "unknown host " + server, UNKNOWN_HOST, e,
          "check the host name in --api-server-url and the Checkmk server's DNS");
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return fail(request, server + " refused the connection", CONNECTION_REFUSED, e,
          "check the port in --api-server-url and that the API server (or --proxy) runs");
    }
    if (e instanceof ConnectionClosedException || e instanceof EOFException) {
      return fail(request, "the body ended early: truncated JSON", INVALID_JSON, e,
          "the connection was cut while reading; check proxies between Checkmk and " + server);
    }
    if (e instanceof ZipException) {
      return unreadable(request, null, e);
    }
    if (e instanceof BoundedInputStream.BodyTooLargeException) {
      return fail(request, e.getMessage(), BODY_TOO_LARGE, e,
          "raise --max-response-mib if a real answer is this large; otherwise check"
              + " --api-server-url");
    }
    String what = e instanceof InterruptedIOException ? "request aborted" : oneLine(e);
    return fail(request, "connection to " + server + " failed: " + what, CONNECTION_FAILED, e,
        "check the network path (and --proxy) from the Checkmk server to " + server);
  }

  /**
   * Timeouts that fire this close to the deadline were cut to it: the JDK counts a connect timeout
   * in whole milliseconds of the wall clock, so a timeout capped to the deadline can end up to a
   * millisecond or so before the deadline does on the monotonic clock.
   */
  private static final long DEADLINE_SLACK_NANOS = 20_000_000L;

  /** Whether the deadline, not the server, ended the request that failed with {@code e}. */
  static boolean byDeadline(IOException e, Deadline deadline) {
    return deadline.expired()
        || (e instanceof InterruptedIOException
            && deadline.remaining().toNanos() < DEADLINE_SLACK_NANOS);
  }

  /**
   * HttpClient found its connection released under it (IllegalStateException "Endpoint not
   * acquired / already released"): the run's deadline aborted the request while it was being set
   * up. Without an abort it is a fault of the client, reported as a connection failure.
   */
  static SourceException aborted(
      String request, String server, boolean cancelled, RuntimeException e, Deadline deadline) {
    if (cancelled || deadline.expired()) {
      return deadline(request, deadline);
    }
    return fail(request, "connection to " + server + " failed: HTTP client state: " + oneLine(e),
        CONNECTION_FAILED, e, "check the network path (and --proxy) from the Checkmk server to "
            + server);
  }

  /**
   * Whether {@code e}, before any answer of the server, says the server as a whole cannot be
   * used: refused, unknown, silent or untrusted, as opposed to one request going wrong.
   */
  static boolean serverLevel(IOException e) {
    return e instanceof SSLException
        || e instanceof ConnectTimeoutException
        || e instanceof SocketTimeoutException
        || e instanceof UnknownHostException
        || e instanceof ConnectException
        || e instanceof NoRouteToHostException;
  }

  private static SourceException tls(String request, String server, SSLException e) {
    if (e instanceof SanOnlyHostnameVerifier.NoSubjectAltNameException) {
      return fail(request, "TLS: the certificate of " + server + " names no host in a"
          + " subjectAltName (its CN is not checked)", TLS_NO_SAN, e,
          "regenerate the server certificate with a subjectAltName for the host in the URL"
              + " (RFC 6125; browsers and kubectl refuse it, too)");
    }
    if (e instanceof SSLPeerUnverifiedException) {
      return fail(request, "TLS: the certificate of " + server + " does not name this host",
          TLS_HOSTNAME, e,
          "use the host name or IP address the certificate names in --api-server-url");
    }
    if (hasCause(e, CertificateExpiredException.class)
        || hasCause(e, CertificateNotYetValidException.class)) {
      return fail(request, "TLS: the certificate of " + server + " is expired or not yet valid",
          TLS_EXPIRED, e, "renew the API server's certificate or fix the Checkmk server's clock");
    }
    if (hasCause(e, CertPathBuilderException.class)) {
      return fail(request, "TLS: the certificate of " + server + " is signed by an unknown CA",
          TLS_UNKNOWN_CA, e,
          "pass the cluster CA with --ca-file (ca.crt of the check-mk-token Secret)");
    }
    if (String.valueOf(e.getMessage()).contains("nrecognized SSL message")) {
      // The JDK's words for a first record that is not TLS: the port speaks plain HTTP.
      return fail(request, server + " answered in plain HTTP, not HTTPS", PLAIN_HTTP, e,
          "set --api-server-url to the API server's HTTPS port (6443 or 443), not an http port");
    }
    return fail(request, "TLS handshake with " + server + " failed: " + oneLine(e), TLS_OTHER, e,
        "check that " + server + " speaks HTTPS and that --api-server-url names the API server");
  }

  static final String OUT_OF_MEMORY = "out-of-memory";

  /** What to do when an answer does not fit the heap: the heap follows --max-objects. */
  public static String outOfMemoryHint() {
    return "raise --max-objects (agent_kubemon gives the JVM 5 MiB of heap per 1,000) or set -Xmx"
        + " in JDK_JAVA_OPTIONS; or monitor fewer namespaces";
  }

  /** An answer that did not fit the heap: memory exhausted, not a fault of the answer's JSON. */
  public static SourceException outOfMemory(String request, Throwable e) {
    String prefix = request == null ? "" : request + ": ";
    return new SourceException(request, null, prefix + "memory exhausted while reading (heap "
        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB)", outOfMemoryHint(), OUT_OF_MEMORY,
        e, FailureKind.LIMIT);
  }

  /**
   * Whether {@code e}, met while reading a body, comes from the connection (cut, timed out,
   * aborted, too large) rather than from what the server sent.
   */
  static boolean fromConnection(IOException e) {
    return e instanceof java.net.SocketException
        || e instanceof InterruptedIOException
        || e instanceof ConnectionClosedException
        || e instanceof EOFException
        || e instanceof SSLException
        || e instanceof org.apache.hc.core5.http.MalformedChunkCodingException
        || e instanceof BoundedInputStream.BodyTooLargeException;
  }

  /**
   * A body the agent cannot read although the connection is fine: a broken gzip stream, or a
   * reader that met something it cannot use at {@code jsonPath}.
   */
  static SourceException unreadable(String request, String jsonPath, IOException e) {
    String what = e instanceof ZipException ? "broken gzip body: " + oneLine(e)
        : "unreadable response" + (jsonPath == null ? "" : " at " + jsonPath) + ": " + oneLine(e);
    return new SourceException(
        request,
        200,
        request + ": " + what,
        "the server answered something the agent cannot read; check --api-server-url and any"
            + " proxy that rewrites answers",
        INVALID_JSON,
        e);
  }

  static SourceException invalidJson(String request, String jsonPath, Exception e) {
    String reason =
        oneLine(e)
            .replaceAll("^([a-z]\\w*\\.)+\\w+(Exception|Error): ", "")
            .replaceAll("\\s+at line \\d+ column \\d+.*$", "");
    return new SourceException(
        request,
        200,
        request + ": invalid JSON at " + jsonPath + ": " + reason,
        "the server answered something other than Kubernetes JSON; check --api-server-url",
        INVALID_JSON,
        e);
  }

  static final String UNEXPECTED_RESPONSE = "unexpected-response";

  static SourceException unexpectedResponse(String request, String what, String sample) {
    return new SourceException(
        request,
        200,
        request + ": unexpected response: " + what + ": " + sample,
        "something other than the Kubernetes API answers on --api-server-url (an echo service, a"
            + " gateway, a mock): point it at the API server itself",
        UNEXPECTED_RESPONSE);
  }

  static SourceException contentType(String request, String contentType) {
    return new SourceException(
        request,
        200,
        request + ": expected application/json, got " + contentType,
        "--api-server-url must name the API server itself, not a login page or proxy UI",
        CONTENT_TYPE);
  }

  private static SourceException fail(
      String request, String what, String anchor, Exception cause, String hint) {
    return new SourceException(request, null, request + ": " + what, hint, anchor, cause);
  }

  private static String seconds(java.time.Duration d) {
    return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The first line of the message, or the exception's simple name when there is none. */
  static String oneLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return message.lines().findFirst().orElse("").strip();
  }
}
