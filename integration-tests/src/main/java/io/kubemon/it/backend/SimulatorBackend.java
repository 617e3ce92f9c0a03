package io.kubemon.it.backend;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubemon.it.prom.KubeletMetrics;
import io.kubemon.it.prom.PrometheusProcess;
import io.kubemon.it.sim.cluster.GeneratedCluster;
import io.kubemon.it.sim.server.ApiClient;
import io.kubemon.it.sim.server.KubeSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The simulator as a {@link FlowCluster}: a generated cluster, with a real Prometheus if asked. */
public final class SimulatorBackend implements FlowCluster {
  private final String name;
  private final KubeSimulator simulator;
  private final GeneratedCluster content;
  private final Path kubeconfig;
  private KubeletMetrics kubelets;
  private PrometheusProcess prometheus;

  private SimulatorBackend(
      String name, KubeSimulator simulator, GeneratedCluster content, Path kubeconfig) {
    this.name = name;
    this.simulator = simulator;
    this.content = content;
    this.kubeconfig = kubeconfig;
  }

  /** Starts the simulator with a generated cluster; {@code prometheus} starts the real one too. */
  public static SimulatorBackend start(
      String name, GeneratedCluster.Spec spec, Path directory, boolean prometheus)
      throws IOException {
    KubeSimulator simulator = KubeSimulator.start();
    SimulatorBackend cluster =
        new SimulatorBackend(
            name,
            simulator,
            GeneratedCluster.seed(simulator.store(), spec),
            simulator.writeKubeconfig(directory.resolve("kubeconfig")));
    try {
      if (prometheus) {
        cluster.kubelets = KubeletMetrics.start(simulator.store());
        simulator.kubelets(cluster.kubelets.url());
        cluster.prometheus = PrometheusProcess.start(cluster.kubelets, directory);
        simulator.prometheus("check-mk", cluster.prometheus.url());
      }
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  public KubeSimulator simulator() {
    return simulator;
  }

  public GeneratedCluster content() {
    return content;
  }

  public boolean hasPrometheus() {
    return prometheus != null;
  }

  /** The real Prometheus, or null when it was not asked for. */
  public PrometheusProcess prometheus() {
    return prometheus;
  }

  /** The simulated kubelets' metrics endpoints, or null without Prometheus. */
  public KubeletMetrics kubelets() {
    return kubelets;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public URI apiServer() {
    return simulator.url();
  }

  @Override
  public Path kubeconfig() {
    return kubeconfig;
  }

  @Override
  public void apply(Path manifest) throws IOException {
    simulator.apply(manifest);
  }

  @Override
  public Map<String, String> secretData(String namespace, String secret) throws IOException {
    return secretData(simulator, namespace, secret);
  }

  /** A Secret's decoded data, read through the API as an admin, from any seeded simulator. */
  public static Map<String, String> secretData(
      KubeSimulator simulator, String namespace, String secret) throws IOException {
    ApiClient admin = new ApiClient(simulator.url(), simulator.caPem(), simulator.adminToken());
    HttpResponse<String> response =
        admin.get("/api/v1/namespaces/" + namespace + "/secrets/" + secret);
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET secret " + namespace + "/" + secret + " answered " + response.statusCode());
    }
    JsonObject data =
        JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("data");
    Map<String, String> decoded = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : data.entrySet()) {
      decoded.put(
          e.getKey(),
          new String(
              Base64.getDecoder().decode(e.getValue().getAsString()), StandardCharsets.UTF_8));
    }
    return decoded;
  }

  @Override
  public void close() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (kubelets != null) {
      kubelets.close();
    }
    simulator.close();
  }
}
