package io.kubemon.agent.source.kubelet;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.status.SourceLog;
import io.kubemon.agent.usage.UsageData;
import io.kubemon.agent.usage.UsageSource;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads each node's kubelet {@code /stats/summary} through the API server's node proxy, at most
 * {@code concurrency} at a time, all under the run's one deadline: a node that has not answered
 * by then costs only its own data. Needs {@code get nodes/proxy}, which also permits exec into
 * every container, so the source is opt-in.
 */
public final class KubeletSource {
  public static final String WARNING =
      "kubemon: usage source kubelet needs \"get nodes/proxy\", which also permits exec into"
          + " every container on the node; prefer the prometheus or metrics-api source";

  /** The catalogue id; status entries add ":" and the node. */
  static final String ID = "kubelet/stats-summary";

  private final JsonSource api;
  private final int concurrency;
  private final SourceLog log;

  public KubeletSource(JsonSource api, int concurrency, SourceLog log) {
    this.api = api;
    this.concurrency = concurrency;
    this.log = log;
  }

  static String path(String node) {
    return "/api/v1/nodes/" + node + "/proxy/stats/summary";
  }

  /** Usage of the nodes that answered in time; null if none did. */
  public UsageData usage(List<String> nodes, Instant deadline) {
    UsageData data = new UsageData(UsageSource.KUBELET);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(concurrency, nodes.size())),
            r -> {
              Thread t = new Thread(r, "kubemon-kubelet");
              t.setDaemon(true);
              return t;
            });
    Map<String, Future<JsonElement>> pending = new LinkedHashMap<>();
    long start = System.nanoTime();
    try {
      for (String node : nodes) {
        pending.put(node, pool.submit(() -> api.getJson(path(node), JsonParser::parseReader)));
      }
      int answered = 0;
      for (Map.Entry<String, Future<JsonElement>> e : pending.entrySet()) {
        if (await(e.getKey(), e.getValue(), deadline, data, start)) {
          answered++;
        }
      }
      return answered == 0 ? null : data;
    } finally {
      pool.shutdownNow();
    }
  }

  private boolean await(
      String node, Future<JsonElement> future, Instant deadline, UsageData data, long start) {
    String id = ID + ":" + node;
    try {
      long waitMillis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
      JsonElement summary = future.get(waitMillis, TimeUnit.MILLISECONDS);
      StatsSummary.map(summary, data);
      log.ok(id, "GET " + path(node), 1, seconds(start));
      return true;
    } catch (TimeoutException e) {
      future.cancel(true);
      log.failed(id, new SourceException("GET " + path(node), null,
          "node " + node + "'s kubelet did not answer before the run's deadline",
          "check the node's kubelet, or raise --deadline", "kubelet-timeout"), 1, seconds(start));
    } catch (ExecutionException e) {
      log.failed(id, cause(node, e.getCause()), 1, seconds(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.failed(id, new SourceException("GET " + path(node), 200,
          "unreadable /stats/summary of node " + node + ": " + e.getMessage(),
          "report the kubelet version; the agent expects the Summary API of Kubernetes 1.29+",
          "kubelet-summary", e), 1, seconds(start));
    }
    return false;
  }

  private static SourceException cause(String node, Throwable t) {
    if (t instanceof SourceException s) {
      return s;
    }
    return new SourceException("GET " + path(node), null, String.valueOf(t), null, null, t);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
