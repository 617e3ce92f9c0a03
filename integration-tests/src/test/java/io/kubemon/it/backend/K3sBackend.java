package io.kubemon.it.backend;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.Container;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/** k3s in Docker as a {@link FlowCluster}; manifests go in with the container's own kubectl. */
public final class K3sBackend implements FlowCluster {
  static final String IMAGE = "rancher/k3s:v1.33.4-k3s1";

  /** The CRDs of the Prometheus Operator release our manifests pin (shared research §1.1). */
  static final String OPERATOR_CRDS =
      "https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/v0.93.1/example/prometheus-operator-crd/";

  static final List<String> CRDS =
      List.of(
          "alertmanagerconfigs",
          "alertmanagers",
          "podmonitors",
          "probes",
          "prometheusagents",
          "prometheuses",
          "prometheusrules",
          "scrapeconfigs",
          "servicemonitors",
          "thanosrulers");

  private final K3sContainer k3s;
  private final Path kubeconfig;
  private int applied;

  private K3sBackend(K3sContainer k3s, Path kubeconfig) {
    this.k3s = k3s;
    this.kubeconfig = kubeconfig;
  }

  public static K3sBackend start(Path work) throws IOException {
    K3sContainer k3s = new K3sContainer(DockerImageName.parse(IMAGE));
    k3s.start();
    return new K3sBackend(
        k3s, Files.writeString(work.resolve("kubeconfig"), k3s.getKubeConfigYaml()));
  }

  @Override
  public String name() {
    return "k3s";
  }

  @Override
  public URI apiServer() {
    return URI.create("https://" + k3s.getHost() + ":" + k3s.getMappedPort(6443));
  }

  @Override
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** Server-side apply: the operator's CRDs are too large for the last-applied annotation. */
  @Override
  public void apply(Path manifest) throws IOException {
    String target = "/tmp/manifest-" + (applied++) + ".yaml";
    k3s.copyFileToContainer(MountableFile.forHostPath(manifest), target);
    kubectl("apply", "--server-side", "--force-conflicts", "-f", target);
  }

  public void applyResource(String resource) throws IOException {
    String target = "/tmp/resource-" + (applied++) + ".yaml";
    k3s.copyFileToContainer(MountableFile.forClasspathResource(resource), target);
    kubectl("apply", "--server-side", "-f", target);
  }

  public void installPrometheusOperatorCrds() throws IOException {
    List<String> args = new ArrayList<>(List.of("apply", "--server-side", "--force-conflicts"));
    for (String crd : CRDS) {
      args.add("-f");
      args.add(OPERATOR_CRDS + "monitoring.coreos.com_" + crd + ".yaml");
    }
    kubectl(args.toArray(String[]::new));
    kubectl(
        "wait",
        "--for",
        "condition=established",
        "--timeout=120s",
        "crd/prometheuses.monitoring.coreos.com",
        "crd/servicemonitors.monitoring.coreos.com");
  }

  /** Operator available, Prometheus ready, the adapter's APIService Available (research §6.5). */
  public void awaitMonitoringStack() throws IOException {
    kubectl(
        "-n",
        "check-mk",
        "wait",
        "--for=condition=Available",
        "deployment",
        "--all",
        "--timeout=600s");
    kubectl(
        "-n",
        "check-mk",
        "wait",
        "--for=condition=Ready",
        "pod",
        "-l",
        "app.kubernetes.io/name=prometheus",
        "--timeout=600s");
    kubectl(
        "wait",
        "--for=condition=Available",
        "apiservice/v1beta1.custom.metrics.k8s.io",
        "--timeout=600s");
  }

  public void awaitCrashLoop(String namespace, String app) throws IOException {
    long deadline = System.currentTimeMillis() + 180_000;
    while (System.currentTimeMillis() < deadline) {
      if (kubectl(
              "-n",
              namespace,
              "get",
              "pods",
              "-l",
              "app=" + app,
              "-o",
              "jsonpath={..waiting.reason}")
          .contains("CrashLoopBackOff")) {
        return;
      }
      sleep();
    }
    throw new IOException(namespace + "/" + app + " did not reach CrashLoopBackOff within 180 s");
  }

  @Override
  public Map<String, String> secretData(String namespace, String secret) throws IOException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      JsonObject object =
          JsonParser.parseString(kubectl("-n", namespace, "get", "secret", secret, "-o", "json"))
              .getAsJsonObject();
      JsonObject data = object.getAsJsonObject("data");
      if (data != null && data.has("token")) {
        Map<String, String> decoded = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : data.entrySet()) {
          decoded.put(
              e.getKey(),
              new String(
                  Base64.getDecoder().decode(e.getValue().getAsString()), StandardCharsets.UTF_8));
        }
        return decoded;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IOException(
            "the token controller did not fill " + namespace + "/" + secret + " within 60 s");
      }
      sleep();
    }
  }

  public String kubectl(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("kubectl"));
    command.addAll(List.of(args));
    try {
      Container.ExecResult result = k3s.execInContainer(command.toArray(String[]::new));
      if (result.getExitCode() != 0) {
        throw new IOException(
            "kubectl " + String.join(" ", args) + " failed: " + result.getStderr().strip());
      }
      return result.getStdout();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void sleep() throws IOException {
    try {
      Thread.sleep(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() {
    k3s.stop();
  }
}
