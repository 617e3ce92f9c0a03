package io.kubemon.agent.http;

/**
 * Thrown by a body reader when valid JSON is not what was asked for (a 200 that is no list of the
 * requested kind, a version without gitVersion). {@link HttpJsonSource} turns it into the
 * source's failure "unexpected response" with the first characters of the body, made safe.
 */
public final class UnexpectedResponseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param what what the body is not, e.g. {@code not a list (a JSON array)} */
  public UnexpectedResponseException(String what) {
    super(what, null, false, false);
  }
}
