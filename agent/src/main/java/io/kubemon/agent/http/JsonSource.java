package io.kubemon.agent.http;

import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Where a source reads JSON from: the API server (paths like {@code /api/v1/nodes}) or a direct
 * endpoint such as Prometheus. The body is handed to a streaming reader and never held whole in
 * memory. Authentication, TLS, timeouts, retries and the run's deadline are the implementation's.
 */
public interface JsonSource {

  /** Reads one response body; the reader must consume what it needs and may stop early. */
  @FunctionalInterface
  interface BodyReader<T> {
    T read(JsonReader reader) throws IOException;
  }

  /**
   * GETs {@code pathAndQuery} (starting with {@code /}, already URL-encoded) and parses the body
   * with {@code reader}.
   *
   * @throws SourceException for any transport, TLS, HTTP-status or JSON failure, with a one-line
   *     message naming the request and what to fix
   */
  <T> T getJson(String pathAndQuery, BodyReader<T> reader) throws SourceException;

  /**
   * GETs a plain-text endpoint ({@code /livez}, {@code /readyz?verbose}). Any HTTP status is an
   * answer; only a transport or TLS failure throws.
   */
  TextResponse getText(String pathAndQuery, int maxBodyChars) throws SourceException;

  /** The server's TLS leaf certificate as seen on the last connection, if any. */
  /**
   * {@code text} from the server made safe to write: cut to {@code max} characters, the token and
   * any bearer or Authorization value masked ({@link Redact}).
   */
  default String redact(String text, int max) {
    return Redact.text(text, null, max, false);
  }

  default Optional<X509Certificate> serverCertificate() {
    return Optional.empty();
  }
}
