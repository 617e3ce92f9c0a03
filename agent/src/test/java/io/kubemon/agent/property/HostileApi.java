package io.kubemon.agent.property;

import com.google.gson.stream.JsonReader;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.TextResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An API server whose list bodies are raw bytes, decoded as {@code HttpJsonSource} decodes them
 * (UTF-8, malformed bytes replaced). Lists not given are empty.
 */
final class HostileApi implements JsonSource {
  private final Map<String, byte[]> lists = new HashMap<>();

  HostileApi() {
    lists.put(
        "/version",
        "{\"gitVersion\":\"v1.33.4\",\"platform\":\"linux/amd64\"}"
            .getBytes(StandardCharsets.UTF_8));
  }

  /** A list of one item: {@code item} is the object's JSON as bytes. */
  HostileApi list(String path, byte[] item) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        "{\"kind\":\"List\",\"metadata\":{},\"items\":[".getBytes(StandardCharsets.UTF_8));
    body.writeBytes(item);
    body.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
    lists.put(path, body.toByteArray());
    return this;
  }

  @Override
  public <T> T getJson(String pathAndQuery, BodyReader<T> reader) {
    String path = pathAndQuery.split("\\?", 2)[0];
    byte[] body =
        lists.getOrDefault(
            path,
            "{\"kind\":\"List\",\"metadata\":{},\"items\":[]}".getBytes(StandardCharsets.UTF_8));
    try {
      return reader.read(
          new JsonReader(
              new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public TextResponse getText(String pathAndQuery, int maxBodyChars) {
    return new TextResponse(200, "ok");
  }
}
