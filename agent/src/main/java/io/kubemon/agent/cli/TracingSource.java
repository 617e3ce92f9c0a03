package io.kubemon.agent.cli;

import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.http.TextResponse;
import java.io.PrintStream;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Prints each request's outcome on stderr for -v, and the failure's stack trace for --debug.
 * Messages come from {@link SourceException}, which never carries the token.
 */
final class TracingSource implements JsonSource {
  private final JsonSource delegate;
  private final PrintStream err;
  private final boolean verbose;
  private final boolean debug;

  TracingSource(JsonSource delegate, PrintStream err, boolean verbose, boolean debug) {
    this.delegate = delegate;
    this.err = err;
    this.verbose = verbose;
    this.debug = debug;
  }

  @Override
  public <T> T getJson(String pathAndQuery, BodyReader<T> reader) throws SourceException {
    long start = System.nanoTime();
    try {
      T value = delegate.getJson(pathAndQuery, reader);
      trace("GET " + pathAndQuery + ": ok", start);
      return value;
    } catch (SourceException e) {
      failed(e, start);
      throw e;
    }
  }

  @Override
  public TextResponse getText(String pathAndQuery, int maxBodyChars) throws SourceException {
    long start = System.nanoTime();
    try {
      TextResponse response = delegate.getText(pathAndQuery, maxBodyChars);
      trace("GET " + pathAndQuery + ": HTTP " + response.statusCode(), start);
      return response;
    } catch (SourceException e) {
      failed(e, start);
      throw e;
    }
  }

  @Override
  public Optional<X509Certificate> serverCertificate() {
    return delegate.serverCertificate();
  }

  private void failed(SourceException e, long start) {
    trace(e.getMessage(), start);
    if (debug) {
      e.printStackTrace(err);
    }
  }

  private void trace(String line, long start) {
    if (verbose || debug) {
      err.printf("agent_kubemon: %s (%.3f s)%n", line, (System.nanoTime() - start) / 1e9);
    }
  }

  @Override
  public String redact(String text, int max) {
    return delegate.redact(text, max);
  }
}
