package io.kubemon.agent.http;

import java.util.Map;
import java.util.TreeMap;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpResponseInterceptor;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * What the server negotiated, as it arrived: the protocol version and content encoding of each
 * response, counted before the client inflates the body (a response interceptor runs inside the
 * protocol stage, before content decompression). Shown by {@code -v}.
 */
final class WireStats implements HttpResponseInterceptor {
  private final Map<String, Integer> counts = new TreeMap<>();

  @Override
  public synchronized void process(
      HttpResponse response, EntityDetails entity, HttpContext context) {
    Header encoding = response.getFirstHeader("Content-Encoding");
    String key =
        response.getVersion()
            + " "
            + (encoding == null
                ? "identity"
                : encoding.getValue().toLowerCase(java.util.Locale.ROOT));
    counts.merge(key, 1, Integer::sum);
  }

  /** e.g. {@code HTTP/1.1 gzip: 3, HTTP/1.1 identity: 14}. */
  synchronized String summary() {
    StringBuilder s = new StringBuilder();
    counts.forEach((k, v) -> s.append(s.isEmpty() ? "" : ", ").append(k).append(": ").append(v));
    return s.isEmpty() ? "no responses" : s.toString();
  }
}
