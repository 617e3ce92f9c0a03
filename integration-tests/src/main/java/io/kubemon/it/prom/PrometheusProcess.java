package io.kubemon.it.prom;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code /usr/bin/prometheus}) on a free loopback port, scraping
 * the simulated kubelets every second with the labels the operator's kubelet ServiceMonitor gives:
 * {@code job="kubelet"}, {@code node}, {@code metrics_path}; and each node's node-exporter with
 * the labels manifests/node-exporter.yaml's ServiceMonitor gives: {@code job="node-exporter"},
 * {@code node}.
 */
public final class PrometheusProcess implements AutoCloseable {
  public static final Path BINARY =
      Path.of(System.getProperty("kubemon.prometheus", "/usr/bin/prometheus"));

  /**
   * What the kubelet ServiceMonitor scrapes on every kubelet, each target labelled with its path in
   * {@code metrics_path} as the ServiceMonitor's relabeling does.
   */
  public static final List<String> PATHS =
      List.of("/metrics/cadvisor", "/metrics/resource", "/metrics");

  private final Process process;
  private final URI url;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Stops Prometheus when the JVM is interrupted (Ctrl-C in the demo) before close() ran. */
  private final Thread stopOnExit;

  private PrometheusProcess(Process process, URI url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
    this.stopOnExit = new Thread(process::destroy, "stop-prometheus");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  public static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** One line saying why Prometheus tests do not run here, for skips. */
  public static String unavailableReason() {
    return BINARY + " not found: install the Debian package prometheus (.ci/run does) to run this";
  }

  /** Starts Prometheus and returns once every node has been scraped at least twice. */
  public static PrometheusProcess start(KubeletMetrics kubelets, Path directory)
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path config = Files.writeString(directory.resolve("prometheus.yml"), config(kubelets));
    Path log = directory.resolve("prometheus.log");
    Process process =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusProcess prometheus =
        new PrometheusProcess(process, URI.create("http://127.0.0.1:" + port), log);
    try {
      prometheus.awaitScrapes((PATHS.size() + 1) * kubelets.nodes().size(),
          Duration.ofSeconds(30));
    } catch (IOException | RuntimeException e) {
      prometheus.close();
      throw e;
    }
    return prometheus;
  }

  static String config(KubeletMetrics kubelets) {
    StringBuilder yaml =
        new StringBuilder(
            "global:\n"
                + "  scrape_interval: 1s\n"
                + "  evaluation_interval: 1s\n"
                + "scrape_configs:\n"
                + "  - job_name: kubelet\n"
                + "    honor_labels: true\n"
                + "    static_configs:\n");
    for (String node : kubelets.nodes()) {
      for (String path : PATHS) {
        yaml.append("      - targets: ['127.0.0.1:")
            .append(kubelets.port())
            .append("']\n")
            .append("        labels: {__metrics_path__: '/nodes/")
            .append(node)
            .append(path)
            .append("', node: '")
            .append(node)
            .append("', metrics_path: '")
            .append(path)
            .append("', instance: '")
            .append(node)
            .append(":10250'}\n");
      }
    }
    yaml.append("  - job_name: node-exporter\n    static_configs:\n");
    for (String node : kubelets.nodes()) {
      yaml.append("      - targets: ['127.0.0.1:")
          .append(kubelets.port())
          .append("']\n")
          .append("        labels: {__metrics_path__: '/nodes/")
          .append(node)
          .append("/node-exporter/metrics', node: '")
          .append(node)
          .append("', instance: '")
          .append(node)
          .append(":9100'}\n");
    }
    return yaml.toString();
  }

  public URI url() {
    return url;
  }

  /** The value of an instant query's first sample, or NaN when the result is empty. */
  public double queryValue(String promql) throws IOException {
    JsonObject body =
        JsonParser.parseString(
                get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
            .getAsJsonObject();
    JsonArray result = body.getAsJsonObject("data").getAsJsonArray("result");
    return result.isEmpty()
        ? Double.NaN
        : result.get(0).getAsJsonObject().getAsJsonArray("value").get(1).getAsDouble();
  }

  public String get(String pathAndQuery) throws IOException {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url + pathAndQuery))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException(
            "Prometheus answered " + response.statusCode() + " to " + pathAndQuery);
      }
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private void awaitScrapes(int targets, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastProblem = "not ready";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("prometheus exited with " + process.exitValue() + ": " + tail());
      }
      try {
        get("/-/ready");
        double scraped = queryValue(
            "count(count_over_time(up{job=~\"kubelet|node-exporter\"}[1m]) >= 2)");
        if (scraped >= targets) {
          return;
        }
        lastProblem =
            "targets scraped twice: "
                + (Double.isNaN(scraped) ? 0 : (int) scraped)
                + " of "
                + targets;
      } catch (IOException e) {
        lastProblem = e.getMessage();
      }
      sleep(200);
    }
    throw new IOException(
        "prometheus not ready after "
            + timeout.toSeconds()
            + " s ("
            + lastProblem
            + "): "
            + tail());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    } catch (IOException e) {
      return "no log";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException e) {
      // The JVM is already exiting; the hook stops the process.
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
