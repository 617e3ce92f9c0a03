package io.kubemon.agent.source.kube;

import com.google.gson.stream.JsonReader;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.http.TextResponse;
import io.kubemon.agent.model.Pod;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints how fast pods stream into records and how much heap they keep. Each page body is generated
 * while it is read, as a network stream would arrive, so the raw JSON is never whole in memory. Run
 * after {@code mvn -pl agent test-compile}:
 *
 * <pre>
 * java -cp agent/target/classes:agent/target/test-classes:$HOME/.m2/repository/com/google/code/gson/gson/2.13.2/gson-2.13.2.jar \
 *   io.kubemon.agent.source.kube.KubeListerBenchmark ../shared/fixtures/real/k3s-v1.33.4-troubleshoot/pods-default.json 20000
 * </pre>
 */
public final class KubeListerBenchmark {
  private KubeListerBenchmark() {}

  /** What the agent keeps without --annotation-pattern. */
  private static final java.util.function.Predicate<String> NO_ANNOTATIONS = key -> false;

  /** Serves {@code total} copies of one recorded pod, renamed, in pages of the asked limit. */
  /** Serves {@code total} copies of one recorded pod under any path, paged like the API. */
  public record Generated(String podJson, int total) implements JsonSource {
    @Override
    public <T> T getJson(String pathAndQuery, BodyReader<T> reader) throws SourceException {
      int from =
          pathAndQuery.contains("continue=")
              ? Integer.parseInt(pathAndQuery.split("continue=")[1])
              : 0;
      int to = Math.min(total, from + KubeOptions.DEFAULT_PAGE_SIZE);
      try {
        return reader.read(new JsonReader(new PageReader(podJson, from, to, to < total)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public TextResponse getText(String pathAndQuery, int maxBodyChars) {
      return new TextResponse(200, "ok");
    }
  }

  /** Emits {@code {"metadata":{...},"items":[pod,pod,...]}} one item at a time. */
  private static final class PageReader extends Reader {
    private final String head;
    private final String tail;
    private final int to;
    private int next;
    private boolean first = true;
    private boolean done;
    private String chunk;
    private int pos;

    /** {@code pod} is split after its first name's opening quote, to make every name unique. */
    PageReader(String pod, int from, int to, boolean more) {
      int name = pod.indexOf('"', pod.indexOf(':', pod.indexOf("\"name\"")) + 1) + 1;
      this.head = pod.substring(0, name);
      this.tail = pod.substring(name);
      this.to = to;
      this.next = from;
      this.chunk =
          "{\"metadata\":{" + (more ? "\"continue\":\"" + to + "\"" : "") + "},\"items\":[";
    }

    @Override
    public int read(char[] buf, int off, int len) {
      while (pos == chunk.length()) {
        if (done) {
          return -1;
        }
        pos = 0;
        if (next < to) {
          chunk = (first ? "" : ",") + head + "p" + next + "-" + tail;
          first = false;
          next++;
        } else {
          chunk = "]}";
          done = true;
        }
      }
      int n = Math.min(len, chunk.length() - pos);
      chunk.getChars(pos, pos + n, buf, off);
      pos += n;
      return n;
    }

    @Override
    public void close() {}
  }

  public static void main(String[] args) throws Exception {
    String list = Files.readString(Path.of(args[0]));
    int total = Integer.parseInt(args[1]);
    String pod = firstItem(list);
    Runtime rt = Runtime.getRuntime();
    for (int round = 1; round <= 3; round++) {
      System.gc();
      long before = rt.totalMemory() - rt.freeMemory();
      long start = System.nanoTime();
      KubeLister<Pod> lister =
          new KubeLister<>(
              new Generated(pod, total),
              "/api/v1/pods",
              r -> PodReader.pod(r, NO_ANNOTATIONS),
              null,
              ns -> true,
              KubeOptions.DEFAULT_PAGE_SIZE);
      List<Pod> pods = lister.list();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.gc();
      long kept = rt.totalMemory() - rt.freeMemory() - before;
      System.out.printf(
          "round %d: %d pods (%d pages, %.1f MB of JSON) in %.3f s = %.0f pods/s; records keep %.1f"
              + " MB (%.0f bytes/pod)%n",
          round,
          pods.size(),
          lister.requests(),
          (double) pod.length() * total / 1e6,
          seconds,
          pods.size() / seconds,
          kept / 1e6,
          (double) kept / pods.size());
    }
  }

  /** The first item of a recorded list, as raw text. */
  public static String firstItem(String list) {
    int items = list.indexOf("\"items\"");
    int start = list.indexOf('{', items);
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < list.length(); i++) {
      char c = list.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return list.substring(start, i + 1);
      }
    }
    throw new IllegalArgumentException("no item in the list");
  }
}
