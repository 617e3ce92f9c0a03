package io.kubemon.agent.source.kube;

import com.google.gson.stream.JsonReader;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.http.TextResponse;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory API server: each path answers with queued bodies (or failures) in order, and
 * remembers every request made. The last answer of a path repeats.
 */
public final class PagedApi implements JsonSource {
  private final Map<String, List<Object>> answers = new HashMap<>();
  private final List<String> requests = new ArrayList<>();

  /** Queues a JSON body for {@code path} (without query). */
  public synchronized PagedApi body(String path, String json) {
    answers.computeIfAbsent(path, k -> new ArrayList<>()).add(json);
    return this;
  }

  /** Drops what was queued for {@code path} and answers {@code json} from now on. */
  public synchronized PagedApi replace(String path, String json) {
    answers.remove(path);
    return body(path, json);
  }

  /** Queues an HTTP failure for {@code path}. */
  public synchronized PagedApi status(String path, int status) {
    answers.computeIfAbsent(path, k -> new ArrayList<>()).add(status);
    return this;
  }

  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public <T> T getJson(String pathAndQuery, BodyReader<T> reader) throws SourceException {
    Object answer = next(pathAndQuery);
    String path = pathAndQuery.split("\\?")[0];
    if (answer instanceof Integer status) {
      throw new SourceException(
          "GET " + path, status, "GET " + path + " answered " + status, "fix it", "anchor");
    }
    try {
      return reader.read(new JsonReader(new StringReader((String) answer)));
    } catch (IOException e) {
      throw new SourceException("GET " + path, 200, "unreadable " + e.getMessage(), null, null);
    }
  }

  private synchronized Object next(String pathAndQuery) {
    requests.add(pathAndQuery);
    String path = pathAndQuery.split("\\?")[0];
    List<Object> queue = answers.get(path);
    if (queue == null || queue.isEmpty()) {
      return 404;
    }
    return queue.size() == 1 ? queue.get(0) : queue.remove(0);
  }

  @Override
  public TextResponse getText(String pathAndQuery, int maxBodyChars) throws SourceException {
    Object answer = next(pathAndQuery);
    if (answer instanceof Integer status) {
      return new TextResponse(status, "");
    }
    return new TextResponse(200, (String) answer);
  }
}
