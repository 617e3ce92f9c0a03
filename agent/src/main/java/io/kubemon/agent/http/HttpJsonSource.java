package io.kubemon.agent.http;

import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.MalformedJsonException;
import io.kubemon.agent.secret.Secret;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/**
 * {@link JsonSource} over HTTPS with Apache HttpClient 5: pooled connections, verified TLS, the
 * bearer token, per-request timeouts capped by the run's {@link Deadline}, retries of
 * 429/502/503/504 and no redirects (a redirect could carry the token to another host).
 */
public final class HttpJsonSource implements JsonSource, AutoCloseable {
  /** Stops a hostile or broken server; far above a real list page of the API server. */
  static final long MAX_BODY_BYTES = Limits.DEFAULT.maxResponseBytes();

  static final int MAX_ATTEMPTS = 3;
  private static final Set<Integer> RETRY_STATUSES = Set.of(429, 502, 503, 504);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

  private final HttpSettings settings;
  private final Secret token;
  private final Deadline deadline;
  private final Clock clock;
  private final CloseableHttpClient client;
  private final HttpHost target;
  private final String server;
  private final ScheduledExecutorService timer;
  /** Sets Basic for the proxy on a request's context; null without proxy credentials. */
  private final java.util.function.Consumer<HttpClientContext> proxyAuth;
  private final WireStats wire = new WireStats();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong bytesRead = new AtomicLong();
  private final AtomicReference<X509Certificate> certificate = new AtomicReference<>();
  /** Whether the server has sent any response head in this run. */
  private final AtomicBoolean answered = new AtomicBoolean();
  /**
   * The first connect-level failure (refused, DNS, connect or first-answer timeout, TLS) while the
   * server had not answered at all: every later request fails with it at once, so a dead or
   * untrusted server costs one timeout, not one per request.
   */
  private final AtomicReference<IOException> unreachable = new AtomicReference<>();

  /**
   * @param token the bearer token, or null to send no Authorization header (a direct Prometheus
   *     URL on another origin than the API server)
   * @param env the process environment, for --proxy FROM_ENVIRONMENT
   */
  public HttpJsonSource(
      HttpSettings settings, Secret token, Deadline deadline, Map<String, String> env) {
    this.settings = settings;
    this.token = token;
    this.deadline = deadline;
    this.clock = Clock.systemUTC();
    this.target = HttpHost.create(settings.baseUrl());
    this.server = target.toHostString();
    Optional<ProxySetting.Proxy> proxy = settings.proxy().forUrl(settings.baseUrl(), env);
    this.client = ClientFactory.build(settings, deadline, proxy, wire);
    this.proxyAuth = ClientFactory.preemptiveProxyAuth(proxy);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kubemon-deadline");
              t.setDaemon(true);
              return t;
            });
  }

  /** Responses by protocol and content encoding as the server sent them (for {@code -v}). */
  public String wireSummary() {
    return wire.summary();
  }

  /** Longest failure message or hint written; a server's words in them are masked, too. */
  static final int MAX_MESSAGE = 400;

  /** Characters of an unexpected body shown in its failure. */
  static final int SAMPLE = 80;

  @Override
  public <T> T getJson(String pathAndQuery, BodyReader<T> reader) throws SourceException {
    try {
      return execute(
          pathAndQuery, true, (response, request) -> readJson(response, request, reader));
    } catch (SourceException e) {
      throw e.redacted(m -> redact(m, MAX_MESSAGE));
    }
  }

  @Override
  public String redact(String text, int max) {
    return Redact.text(text, token == null ? null : token.reveal(), max, false);
  }

  @Override
  public TextResponse getText(String pathAndQuery, int maxBodyChars) throws SourceException {
    try {
      return getTextUnsafe(pathAndQuery, maxBodyChars);
    } catch (SourceException e) {
      throw e.redacted(m -> redact(m, MAX_MESSAGE));
    }
  }

  private TextResponse getTextUnsafe(String pathAndQuery, int maxBodyChars)
      throws SourceException {
    return execute(
        pathAndQuery,
        false,
        (response, request) -> {
          HttpEntity entity = response.getEntity();
          if (entity == null) {
            return new TextResponse(response.getCode(), "");
          }
          char[] buffer = new char[maxBodyChars];
          int length = 0;
          Body body = body(entity);
          InputStream in = body.in();
          // Not closed here: closing would read the whole rest of the body; execute() drops it.
          Reader text = new InputStreamReader(in, StandardCharsets.UTF_8);
          for (int n; length < maxBodyChars
              && (n = text.read(buffer, length, maxBodyChars - length)) > 0; ) {
            length += n;
          }
          body.finish();
          String shown =
              Redact.text(
                  new String(buffer, 0, length),
                  token == null ? null : token.reveal(),
                  maxBodyChars,
                  true);
          return new TextResponse(response.getCode(), shown);
        });
  }

  @Override
  public Optional<X509Certificate> serverCertificate() {
    return Optional.ofNullable(certificate.get());
  }

  public long requestCount() {
    return requests.get();
  }

  /** Body bytes read so far, after decompression. */
  public long bytesRead() {
    return bytesRead.get();
  }

  @Override
  public void close() throws IOException {
    timer.shutdownNow();
    client.close();
  }

  @FunctionalInterface
  private interface Handler<T> {
    T handle(ClassicHttpResponse response, String request) throws IOException, SourceException;
  }

  /**
   * @param json a JSON request: retried on 429/502/503/504 and failed on non-2xx; otherwise any
   *     status is handed to the handler
   */
  private <T> T execute(String pathAndQuery, boolean json, Handler<T> handler)
      throws SourceException {
    if (!pathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException("a request path starts with /, got " + pathAndQuery);
    }
    String request = "GET " + pathAndQuery;
    for (int attempt = 1; ; attempt++) {
      if (deadline.expired()) {
        throw Failures.deadline(request, deadline);
      }
      IOException down = unreachable.get();
      if (down != null) {
        throw Failures.transport(request, server, down, deadline);
      }
      HttpGet get = newRequest(pathAndQuery);
      ScheduledFuture<?> abort =
          timer.schedule(get::cancel, deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
      HttpClientContext context = HttpClientContext.create();
      if (proxyAuth != null) {
        proxyAuth.accept(context);
      }
      Duration wait;
      requests.incrementAndGet();
      try {
        ClassicHttpResponse response;
        try {
          response = client.executeOpen(target, get, context);
        } catch (RuntimeException e) {
          // HttpClient's IllegalStateException "Endpoint not acquired / already released" (or a
          // NullPointerException "Connection"): the deadline's abort (the timer above) released
          // the connection between its lease and its use. A deadline, not a bad answer.
          throw Failures.aborted(request, server, get.isCancelled(), e, deadline);
        }
        answered.set(true);
        rememberCertificate(context.getSSLSession());
        int status = response.getCode();
        wait = json && RETRY_STATUSES.contains(status) ? retryWait(response, attempt) : null;
        if (wait == null) {
          return handle(handler, get, response, request, pathAndQuery, attempt, !json);
        }
        response.close();
      } catch (IOException e) {
        if (!answered.get() && !Failures.byDeadline(e, deadline) && Failures.serverLevel(e)) {
          unreachable.compareAndSet(null, e);
        }
        throw Failures.transport(request, server, e, deadline);
      } finally {
        abort.cancel(false);
      }
      sleep(wait, request);
    }
  }

  /**
   * Hands the final answer to the handler, then drops the connection before closing the response:
   * closing alone reads the rest of the body to reuse the connection, up to the whole 1 GiB of a
   * hostile answer. Cancelling is a no-op once a body was read to its end (the connection is back
   * in the pool); after it, what closing reports is moot.
   */
  private <T> T handle(
      Handler<T> handler,
      HttpGet get,
      ClassicHttpResponse response,
      String request,
      String path,
      int attempt,
      boolean anyStatus)
      throws IOException, SourceException {
    try {
      int status = response.getCode();
      if (anyStatus || (status >= 200 && status < 300)) {
        return handler.handle(response, request);
      }
      Header location = response.getFirstHeader(HttpHeaders.LOCATION);
      SourceException failure = StatusFailures.of(
          request, path, status, location == null ? null : location.getValue(), attempt,
          token != null);
      String said = status == 403 ? statusMessage(response) : null;
      throw said == null ? failure : failure.withServerMessage(said);
    } finally {
      get.cancel();
      try {
        response.close();
      } catch (IOException e) {
        // The connection is already dropped; the answer was read or failed on its own.
      }
    }
  }

  /**
   * The {@code message} of a Kubernetes Status body (what RBAC says was refused), masked and cut
   * to one short line; null when the body is not a Status. Reads at most 4 KiB.
   */
  private String statusMessage(ClassicHttpResponse response) {
    HttpEntity entity = response.getEntity();
    if (entity == null) {
      return null;
    }
    try (InputStream in = entity.getContent()) {
      String head = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
      com.google.gson.JsonElement status = com.google.gson.JsonParser.parseString(head);
      if (status.isJsonObject()
          && status.getAsJsonObject().get("message") instanceof com.google.gson.JsonPrimitive m
          && m.isString()) {
        return redact(m.getAsString(), 240);
      }
    } catch (IOException | RuntimeException e) {
      // No readable Status: the failure stands without the server's words.
    }
    return null;
  }

  /** The wait before the next attempt, or null when this answer is final. */
  private Duration retryWait(ClassicHttpResponse response, int attempt) {
    if (attempt >= MAX_ATTEMPTS) {
      return null;
    }
    Header header = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
    Duration wait =
        RetryAfter.parse(header == null ? null : header.getValue(), clock.instant())
            .orElse(FIRST_BACKOFF.multipliedBy(1L << (attempt - 1)));
    return wait.compareTo(deadline.remaining()) < 0 ? wait : null;
  }

  private static void sleep(Duration wait, String request) throws SourceException {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(request, null, request + ": interrupted while waiting to retry",
          null, null, e);
    }
  }

  private HttpGet newRequest(String pathAndQuery) {
    HttpGet get = new HttpGet(URI.create(settings.baseUrl() + pathAndQuery));
    if (token != null) {
      get.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token.reveal());
    }
    get.setHeader(HttpHeaders.ACCEPT, "application/json");
    // As kubectl and client-go ask: the API server gzips a list from 128 KiB on.
    get.setHeader(HttpHeaders.ACCEPT_ENCODING, "gzip");
    Duration read = deadline.cap(settings.readTimeout());
    get.setConfig(
        RequestConfig.custom()
            .setResponseTimeout(ClientFactory.positive(read))
            .setConnectionRequestTimeout(
                ClientFactory.positive(deadline.cap(settings.connectTimeout())))
            .setRedirectsEnabled(false)
            .build());
    return get;
  }

  private <T> T readJson(ClassicHttpResponse response, String request, BodyReader<T> reader)
      throws IOException, SourceException {
    HttpEntity entity = response.getEntity();
    ContentType type = entity == null ? null : ContentType.parseLenient(entity.getContentType());
    if (type != null && !isJson(type.getMimeType())) {
      throw Failures.contentType(request, type.getMimeType());
    }
    Body body = entity == null ? null : body(entity);
    InputStream in = body == null ? InputStream.nullInputStream() : body.in();
    byte[] start = new byte[SAMPLE * 4];
    int[] kept = new int[1];
    InputStream sampled =
        new java.io.FilterInputStream(in) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && kept[0] < start.length) {
              int copy = Math.min(n, start.length - kept[0]);
              System.arraycopy(b, off, start, kept[0], copy);
              kept[0] += copy;
            }
            return n;
          }
        };
    JsonReader json = new JsonReader(new InputStreamReader(sampled, StandardCharsets.UTF_8));
    try {
      // Strict peek first: an HTML page sent as application/json fails here as invalid JSON;
      // a tree parser (JsonParser.parseReader) is lenient and would read it as a string.
      json.peek();
      T value = reader.read(json);
      if (body != null) {
        body.finish();
      }
      return value;
    } catch (UnexpectedResponseException e) {
      String sample = new String(start, 0, kept[0], StandardCharsets.UTF_8);
      throw Failures.unexpectedResponse(request, e.getMessage(), redact(sample, SAMPLE));
    } catch (MalformedJsonException | EOFException e) {
      throw Failures.invalidJson(request, json.getPath(), e);
    } catch (JsonParseException e) {
      // Gson's tree and type adapters wrap the reader's IOException; a timeout stays a timeout.
      // Its tree parser wraps an OutOfMemoryError or StackOverflowError, too.
      if (e.getCause() instanceof OutOfMemoryError) {
        throw Failures.outOfMemory(request, e.getCause());
      }
      if (e.getCause() instanceof IOException io && !isSyntax(io)) {
        if (Failures.fromConnection(io)) {
          throw io;
        }
        throw Failures.unreadable(request, json.getPath(), io);
      }
      throw Failures.invalidJson(request, json.getPath(), e);
    } catch (UncheckedIOException e) {
      // A timeout or cut connection inside a reader stays a transport failure.
      if (Failures.fromConnection(e.getCause())) {
        throw e.getCause();
      }
      throw Failures.unreadable(request, json.getPath(), e.getCause());
    } catch (IOException e) {
      // Not the connection: a broken gzip stream, or a reader that cannot use what it got.
      if (Failures.fromConnection(e)) {
        throw e;
      }
      throw Failures.unreadable(request, json.getPath(), e);
    } catch (RuntimeException e) {
      // Valid JSON of the wrong shape: Gson's getAsX throw IllegalStateException, a cast of a
      // JSON null ClassCastException, a missing field NullPointerException. It costs this
      // request, never the run.
      throw Failures.invalidJson(request, json.getPath(), e);
    } catch (OutOfMemoryError e) {
      // What this answer held is garbage once this frame is left; the run goes on.
      throw Failures.outOfMemory(request, e);
    }
  }

  /**
   * Reads what is left of a short rest; true when the stream ended. A long rest (a reader that
   * stopped early in a big list) is cheaper to drop with its connection.
   */
  private static boolean drain(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    long left = 64 * 1024;
    for (int n; left > 0; left -= n) {
      if ((n = in.read(buffer)) < 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * A response body: {@code raw} as it came off the connection, {@code in} what to read: inflated
   * when the server gzipped it ({@code inflated}), counted and bounded.
   */
  private record Body(InputStream raw, InputStream in, boolean inflated) {
    /**
     * Reads a short rest of the body, then of the raw stream: the connection returns to the pool
     * only once the raw stream ended, and a gzip stream ends before the chunked encoding's last
     * chunk is read. Otherwise {@link #handle} drops the connection.
     */
    void finish() throws IOException {
      if (drain(in) && inflated) {
        drain(raw);
      }
    }
  }

  private static boolean isSyntax(Throwable e) {
    return e instanceof MalformedJsonException || e instanceof EOFException;
  }

  private static boolean isJson(String mimeType) {
    return mimeType.equals("application/json") || mimeType.endsWith("+json");
  }

  /**
   * The body, inflated here rather than by HttpClient: its decompression ends at the gzip trailer
   * without reading the raw stream to its end, which kept the connection out of the pool, one
   * connection per list page. The limit counts inflated bytes, so a gzip bomb stops there.
   */
  private Body body(HttpEntity entity) throws IOException {
    InputStream raw = entity.getContent();
    String encoding = entity.getContentEncoding();
    InputStream inflated = raw;
    if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
      if (!encoding.equalsIgnoreCase("gzip") && !encoding.equalsIgnoreCase("x-gzip")) {
        throw new IOException("the server answered with Content-Encoding " + encoding
            + ", asked for gzip or none");
      }
      inflated = new GZIPInputStream(raw, INFLATE_BUFFER);
    }
    return new Body(raw, new BoundedInputStream(inflated, settings.maxBodyBytes(), bytesRead),
        inflated != raw);
  }

  /** Compressed bytes handed to zlib at once; GZIPInputStream's default is 512. */
  private static final int INFLATE_BUFFER = 64 * 1024;

  private void rememberCertificate(SSLSession session) {
    if (session == null) {
      return;
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length > 0 && chain[0] instanceof X509Certificate) {
        certificate.set((X509Certificate) chain[0]);
      }
    } catch (SSLPeerUnverifiedException e) {
      // No certificate on this session: nothing to remember.
    }
  }
}
