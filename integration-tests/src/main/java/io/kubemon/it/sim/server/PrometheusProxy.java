package io.kubemon.it.sim.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The API server's service proxy ({@code services/https:prometheus:9090/proxy/...}), forwarding to
 * a real Prometheus on loopback. Without one the proxy answers like a Service with no ready pods.
 */
final class PrometheusProxy {
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private volatile String namespace = "check-mk";
  private volatile URI target;
  private volatile URI kubelets;

  void target(String namespace, URI target) {
    this.namespace = namespace;
    this.target = target;
  }

  Reply forward(String serviceNamespace, String service, String rest, String rawQuery) {
    URI base = target;
    if (base == null || !namespace.equals(serviceNamespace) || !service.contains("prometheus")) {
      return Reply.status(
          503, "ServiceUnavailable", "no endpoints available for service \"" + service + "\"");
    }
    return send(URI.create(base + rest + (rawQuery == null ? "" : "?" + rawQuery)));
  }

  /**
   * The node proxy ({@code nodes/NAME/proxy/metrics/cadvisor}) to the simulated kubelets, which
   * serve each node under {@code /nodes/NAME}.
   */
  Reply forwardToKubelet(String node, String rest, String rawQuery) {
    URI base = kubelets;
    if (base == null) {
      return Reply.status(
          503, "ServiceUnavailable", "error trying to reach service: no kubelet for " + node);
    }
    return send(
        URI.create(base + "/nodes/" + node + rest + (rawQuery == null ? "" : "?" + rawQuery)));
  }

  void kubelets(URI kubelets) {
    this.kubelets = kubelets;
  }

  private Reply send(URI uri) {
    try {
      HttpResponse<byte[]> response =
          client.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      String type = response.headers().firstValue("Content-Type").orElse("application/json");
      byte[] body = response.body();
      return new Reply(response.statusCode(), Map.of("Content-Type", type), out -> out.write(body));
    } catch (IOException e) {
      return Reply.status(
          503, "ServiceUnavailable", "error trying to reach service: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Reply.status(503, "ServiceUnavailable", "error trying to reach service: interrupted");
    }
  }
}
