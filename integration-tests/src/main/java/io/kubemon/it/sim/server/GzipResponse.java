package io.kubemon.it.sim.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The API server's response compression (feature gate APIResponseCompression, on by default):
 * a client that accepts gzip gets a body of 128 KiB or more gzipped at level 1 (BestSpeed), a
 * smaller one as is. As in k8s.io/apiserver's deferredResponseWriter, the decision waits for the
 * first 128 KiB; past them the body streams through the compressor, never held whole.
 */
final class GzipResponse extends OutputStream {
  /** k8s.io/apiserver/pkg/endpoints/handlers/responsewriters: defaultGzipThresholdBytes. */
  static final int THRESHOLD_BYTES = 128 * 1024;

  private final HttpExchange exchange;
  private final int status;
  private byte[] head = new byte[THRESHOLD_BYTES];
  private int headLength;
  private OutputStream out;

  private GzipResponse(HttpExchange exchange, int status) {
    this.exchange = exchange;
    this.status = status;
  }

  /** The body stream for {@code exchange}: deferred gzip when the client accepts it. */
  static OutputStream open(HttpExchange exchange, int status) throws IOException {
    String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
    if (accept != null && acceptsGzip(accept)) {
      return new GzipResponse(exchange, status);
    }
    exchange.sendResponseHeaders(status, 0);
    return exchange.getResponseBody();
  }

  static boolean acceptsGzip(String acceptEncoding) {
    for (String coding : acceptEncoding.split(",")) {
      String[] parts = coding.trim().split(";");
      if (parts[0].trim().equalsIgnoreCase("gzip")
          && !(parts.length > 1 && parts[1].trim().matches("q=0(\\.0*)?"))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (out == null && headLength + length <= THRESHOLD_BYTES) {
      System.arraycopy(bytes, offset, head, headLength, length);
      headLength += length;
      return;
    }
    if (out == null) {
      startGzip();
    }
    out.write(bytes, offset, length);
  }

  private void startGzip() throws IOException {
    exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
    exchange.sendResponseHeaders(status, 0);
    out =
        new GZIPOutputStream(exchange.getResponseBody(), 1 << 16) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        };
    out.write(head, 0, headLength);
    head = null;
  }

  @Override
  public void flush() throws IOException {
    if (out != null) {
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    if (out == null) {
      exchange.sendResponseHeaders(status, headLength == 0 ? -1 : headLength);
      out = exchange.getResponseBody();
      out.write(head, 0, headLength);
    }
    out.close();
  }
}
