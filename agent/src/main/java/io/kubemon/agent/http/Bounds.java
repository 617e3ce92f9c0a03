package io.kubemon.agent.http;

/**
 * Failures of a source that met one of the run's {@link Limits}: anchor {@code limit-reached},
 * kind {@link FailureKind#LIMIT}, and a hint that names the option to raise.
 */
public final class Bounds {
  private Bounds() {}

  public static final String LIMIT_REACHED = "limit-reached";
  public static final String REPEATED_CONTINUE = "repeated-continue";

  /** {@code what} (e.g. "more than 200000 objects") went past the bound set by {@code option}. */
  public static SourceException exceeded(String request, String what, String option) {
    return new SourceException(
        request,
        null,
        (request == null ? "" : request + ": ") + what + " (" + option + ")",
        "raise " + option + " if the cluster is really this large; otherwise the server is broken"
            + " or hostile",
        LIMIT_REACHED,
        null,
        FailureKind.LIMIT);
  }

  /** The server sent a continue token it had sent before in the same list. */
  public static SourceException repeatedContinue(String request, int pages) {
    return new SourceException(
        request,
        200,
        request + ": page " + pages + " repeats an earlier continue token; the list would never"
            + " end",
        "the API server (or a proxy caching its answers) is broken: check --api-server-url",
        REPEATED_CONTINUE,
        null,
        FailureKind.UNEXPECTED_RESPONSE);
  }
}
