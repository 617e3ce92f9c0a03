package io.kubemon.agent.section;

import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.http.TextResponse;
import io.kubemon.agent.source.kube.FixtureApi;
import io.kubemon.agent.source.kube.KubeListerBenchmark;
import io.kubemon.agent.status.SourceLog;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints how long a whole {@link KubeReport#write} takes for many pods: the k3s recording with its
 * pod list replaced by copies of one recorded pod. Output goes to a counting sink. Run after {@code
 * mvn -pl agent test-compile} with the classpath of {@link KubeListerBenchmark}:
 *
 * <pre>
 * java -cp ... io.kubemon.agent.section.ReportBenchmark ../shared/fixtures/real/k3s-v1.33.4-troubleshoot 20000
 * </pre>
 */
public final class ReportBenchmark {
  private ReportBenchmark() {}

  private static final class Counting extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }

  /** Generated pods for the pod list, the recording for everything else. */
  private record Mixed(JsonSource pods, JsonSource rest) implements JsonSource {
    @Override
    public <T> T getJson(String pathAndQuery, BodyReader<T> reader) throws SourceException {
      return (pathAndQuery.startsWith("/api/v1/pods?") ? pods : rest).getJson(pathAndQuery, reader);
    }

    @Override
    public TextResponse getText(String pathAndQuery, int maxBodyChars) {
      return new TextResponse(200, "ok");
    }
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int total = Integer.parseInt(args[1]);
    String pod = KubeListerBenchmark.firstItem(Files.readString(dir.resolve("pods-default.json")));
    JsonSource api =
        new Mixed(
            new KubeListerBenchmark.Generated(pod, total),
            new FixtureApi(dir, FixtureApi.Absent.EMPTY_LIST));
    for (int round = 1; round <= 3; round++) {
      Counting sink = new Counting();
      long start = System.nanoTime();
      KubeReport.write(api, Fixtures.options("bench"), new SourceLog(), new PrintStream(sink));
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "round %d: %d pods read and written in %.3f s (%.0f pods/s), %.1f MB of sections%n",
          round, total, seconds, total / seconds, sink.bytes / 1e6);
    }
  }
}
