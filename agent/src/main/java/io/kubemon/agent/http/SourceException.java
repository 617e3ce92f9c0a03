package io.kubemon.agent.http;

/**
 * A source failed: transport, TLS, HTTP status or unreadable body. The message is one line naming
 * the request ({@code GET /api/v1/pods}) and what happened; {@code hint} says what to fix and
 * {@code anchor} is the heading id in docs/troubleshooting.md. Never carries the token.
 */
public class SourceException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String request;
  private final Integer httpStatus;
  private final String hint;
  private final String anchor;
  private final String kind;

  public SourceException(
      String request, Integer httpStatus, String message, String hint, String anchor) {
    super(message);
    this.request = request;
    this.httpStatus = httpStatus;
    this.hint = hint;
    this.anchor = anchor;
    this.kind = FailureKind.of(anchor, null);
  }

  public SourceException(
      String request,
      Integer httpStatus,
      String message,
      String hint,
      String anchor,
      Throwable cause) {
    this(request, httpStatus, message, hint, anchor, cause, FailureKind.of(anchor, cause));
  }

  /** As above with the {@link FailureKind} given, where the anchor alone does not tell it. */
  public SourceException(
      String request,
      Integer httpStatus,
      String message,
      String hint,
      String anchor,
      Throwable cause,
      String kind) {
    super(message, cause);
    this.request = request;
    this.httpStatus = httpStatus;
    this.hint = hint;
    this.anchor = anchor;
    this.kind = kind;
  }

  public String request() {
    return request;
  }

  /** The HTTP status, or null when no response arrived. */
  public Integer httpStatus() {
    return httpStatus;
  }

  public String hint() {
    return hint;
  }

  public String anchor() {
    return anchor;
  }

  /** The coarse cause, one of {@link FailureKind}'s constants. */
  public String kind() {
    return kind;
  }

  /** This failure with its message and hint passed through {@code safe} (e.g. {@link Redact}). */
  public SourceException redacted(java.util.function.UnaryOperator<String> safe) {
    String message = getMessage() == null ? null : safe.apply(getMessage());
    String fixedHint = hint == null ? null : safe.apply(hint);
    if (java.util.Objects.equals(message, getMessage()) && java.util.Objects.equals(fixedHint, hint)) {
      return this;
    }
    return new SourceException(request, httpStatus, message, fixedHint, anchor, getCause(), kind);
  }

  /** This failure with the server's own words appended, e.g. RBAC's reason for a 403. */
  public SourceException withServerMessage(String said) {
    return new SourceException(
        request, httpStatus, getMessage() + " (API server: \"" + said + "\")", hint, anchor,
        getCause(), kind);
  }
}
