package io.kubemon.agent.usage;

import com.google.gson.stream.JsonReader;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.http.TextResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link JsonSource} for tests against loopback servers; the real client (TLS,
 * token, retries) lives in the http package. Records every path it was asked for.
 */
public final class LoopbackJsonSource implements JsonSource {
  private final String base;
  private final HttpClient client;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  /** For {@code https://} bases the client trusts only {@link FakeServer}'s certificate. */
  public LoopbackJsonSource(String base) {
    this.base = base;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (base.startsWith("https:")) {
      b.sslContext(LoopbackTls.INSTANCE.client());
    }
    this.client = b.build();
  }

  public List<String> requests() {
    return requests;
  }

  @Override
  public <T> T getJson(String pathAndQuery, BodyReader<T> reader) throws SourceException {
    requests.add(pathAndQuery);
    String request = "GET " + pathAndQuery.replaceAll("\\?.*", "");
    try {
      HttpResponse<InputStream> r =
          client.send(
              HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = r.body()) {
        if (r.statusCode() / 100 != 2) {
          throw new SourceException(
              request, r.statusCode(), request + " answered HTTP " + r.statusCode(), null, null);
        }
        return reader.read(new JsonReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new SourceException(request, null, request + ": " + e.getMessage(), null, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(request, null, request + " interrupted", null, null, e);
    }
  }

  @Override
  public TextResponse getText(String pathAndQuery, int maxBodyChars) {
    throw new UnsupportedOperationException("the usage sources read JSON only");
  }
}
