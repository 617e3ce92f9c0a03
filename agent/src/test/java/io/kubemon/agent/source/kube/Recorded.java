package io.kubemon.agent.source.kube;

import com.google.gson.stream.JsonReader;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.model.Pod;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads pods the way the agent does, for tests outside this package. */
public final class Recorded {
  private Recorded() {}

  /** The pods of a recorded PodList file. */
  public static List<Pod> pods(Path file) {
    try {
      String json = Files.readString(file);
      return new KubeLister<>(
              new PagedApi().body("/api/v1/pods", json),
              "/api/v1/pods",
              r -> PodReader.pod(r, k -> true),
              null,
              ns -> true,
              KubeOptions.DEFAULT_PAGE_SIZE)
          .list();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SourceException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** One pod from its JSON object. */
  public static Pod pod(String json) {
    try {
      return PodReader.pod(new JsonReader(new StringReader(json)), k -> true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
