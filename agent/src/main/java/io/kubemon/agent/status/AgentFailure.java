package io.kubemon.agent.status;

import io.kubemon.agent.http.FailureKind;
import io.kubemon.agent.http.SourceException;

/**
 * What the agent reports when one of its own readers or writers throws: an exception no source
 * foresaw, or an Error (out of memory, nesting too deep). It costs that source, never the run.
 */
public final class AgentFailure {
  private AgentFailure() {}

  public static final String OUT_OF_MEMORY = "out-of-memory";
  public static final String AGENT_ERROR = "agent-error";

  /** The failure of {@code request} ({@code GET /api/v1/pods}, or null) through {@code e}. */
  public static SourceException of(String request, Throwable e) {
    String prefix = request == null ? "" : request + ": ";
    return new SourceException(
        request, null, prefix + describe(e), hint(e), anchor(e), e, kind(e));
  }

  public static String describe(Throwable e) {
    if (e instanceof OutOfMemoryError) {
      return "memory exhausted while reading (heap " + (Runtime.getRuntime().maxMemory() >> 20)
          + " MiB)";
    }
    if (e instanceof StackOverflowError) {
      return "nesting too deep to read";
    }
    String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    if (message.length() > 160) {
      message = message.substring(0, 160) + "…";
    }
    return "internal error " + e.getClass().getSimpleName()
        + (message.isBlank() ? "" : ": " + message);
  }

  public static String hint(Throwable e) {
    if (e instanceof OutOfMemoryError) {
      return io.kubemon.agent.http.Failures.outOfMemoryHint();
    }
    return "report this line with the agent's --debug output as a bug";
  }

  public static String anchor(Throwable e) {
    return e instanceof OutOfMemoryError ? OUT_OF_MEMORY : AGENT_ERROR;
  }

  public static String kind(Throwable e) {
    return e instanceof OutOfMemoryError ? FailureKind.LIMIT : FailureKind.INTERNAL;
  }
}
