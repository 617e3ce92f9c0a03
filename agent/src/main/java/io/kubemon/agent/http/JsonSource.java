package io.kubemon.agent.http;

import com.google.gson.stream.JsonReader;
import java.io.IOException;

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
}
