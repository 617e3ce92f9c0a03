package io.kubemon.agent.source.kube;

import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.http.StatusFailures;
import io.kubemon.agent.http.TextResponse;
import io.kubemon.agent.model.Node;
import io.kubemon.agent.status.AgentFailure;
import io.kubemon.agent.status.SourceLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * --kubelet-health: each node's kubelet {@code /healthz} through the API server's node proxy, a
 * few nodes at a time. Whatever status the kubelet (or the proxy, for a kubelet it cannot reach)
 * answers is the node's health; only a 403 (no {@code get nodes/proxy}) leaves the node without
 * one and becomes a failed source {@code kubelet/healthz:NODE}, so a missing grant never turns
 * every Kubelet service CRIT.
 */
final class KubeletHealthReader {
  private KubeletHealthReader() {}

  /** The catalogue id; status entries add ":" and the node. */
  static final String ID = "kubelet/healthz";

  /** The kubelet answers "ok", or a list of failed checks; more is not shown. */
  static final int BODY_MAX = 512;

  static String path(String node) {
    return "/api/v1/nodes/" + node + "/proxy/healthz";
  }

  static Map<String, KubeSnapshot.KubeletHealth> read(
      JsonSource api, List<Node> nodes, int parallel, SourceLog log) {
    Map<String, KubeSnapshot.KubeletHealth> health = new LinkedHashMap<>();
    if (nodes.isEmpty()) {
      return health;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(parallel, nodes.size()),
            r -> {
              Thread t = new Thread(r, "kubemon-kubelet-health");
              t.setDaemon(true);
              return t;
            });
    try {
      Map<String, Future<KubeSnapshot.KubeletHealth>> pending = new LinkedHashMap<>();
      for (Node n : nodes) {
        String name = n.meta().name();
        pending.put(name, pool.submit(() -> one(api, name, log)));
      }
      for (Map.Entry<String, Future<KubeSnapshot.KubeletHealth>> e : pending.entrySet()) {
        try {
          KubeSnapshot.KubeletHealth h = e.getValue().get();
          if (h != null) {
            health.put(e.getKey(), h);
          }
        } catch (InterruptedException x) {
          Thread.currentThread().interrupt();
          break;
        } catch (ExecutionException x) {
          // one() logs its own failures
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return health;
  }

  private static KubeSnapshot.KubeletHealth one(JsonSource api, String node, SourceLog log) {
    String path = path(node);
    String request = "GET " + path;
    String id = ID + ":" + node;
    long start = System.nanoTime();
    try {
      TextResponse response = api.getText(path, BODY_MAX);
      if (response.statusCode() == 403) {
        log.failed(id, new SourceException(request, 403,
            request + " forbidden for the agent's token: no Kubelet health for node " + node,
            StatusFailures.grantHint(path) + ", or drop --kubelet-health", "rbac-forbidden"),
            1, seconds(start));
        return null;
      }
      log.ok(id, request, response.statusCode(), 1, seconds(start));
      return new KubeSnapshot.KubeletHealth(
          response.statusCode(), api.redact(response.body().strip(), BODY_MAX));
    } catch (SourceException e) {
      log.failed(id, e, 1, seconds(start));
    } catch (RuntimeException | Error e) {
      log.failed(id, AgentFailure.of(request, e), 1, seconds(start));
    }
    return null;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
