package io.kubemon.it.backend;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubemon.it.controlplane.Binaries;
import io.kubemon.it.controlplane.ControlPlane;
import io.kubemon.it.controlplane.ControlPlaneException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real control plane (kube-apiserver, etcd, controller-manager, scheduler, kwok,
 * metrics-server; built from Go modules) as a {@link FlowCluster}. Manifests go in with the
 * control plane's own kubectl as README's cluster setup says; the objects the flow expects are
 * created through the API and brought to life by the real controllers and kwok.
 */
public final class ControlPlaneBackend implements FlowCluster {
  private final ControlPlane plane;
  private final List<String> nodes;

  private ControlPlaneBackend(ControlPlane plane, List<String> nodes) {
    this.plane = plane;
    this.nodes = nodes;
  }

  /**
   * Builds (or finds) the binaries, starts the control plane with {@code nodeCount} kwok nodes
   * and the flow's workloads, {@code webReplicas} pods of default/web among them.
   */
  public static ControlPlaneBackend start(
      Path repositoryRoot, Path work, int nodeCount, int webReplicas) throws IOException {
    ControlPlaneBackend cluster = startEmpty(repositoryRoot, work, nodeCount);
    try {
      cluster.plane.apply(resource("/controlplane/workloads.yaml"));
      cluster.plane.kubectl(
          "-n", "default", "scale", "deployment/web", "--replicas=" + webReplicas);
      return cluster;
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The control plane with {@code nodeCount} Ready kwok nodes and nothing else. */
  public static ControlPlaneBackend startEmpty(Path repositoryRoot, Path work, int nodeCount)
      throws IOException {
    return startEmpty(repositoryRoot, work, java.util.Collections.nCopies(nodeCount, null));
  }

  /** As above, one node per entry of {@code internalIps}, with that InternalIP (null: kwok's). */
  public static ControlPlaneBackend startEmpty(
      Path repositoryRoot, Path work, List<String> internalIps) throws IOException {
    return startEmpty(repositoryRoot, work, internalIps, null);
  }

  /**
   * {@code nodeCount} nodes on the first addresses of {@code addresses}, which the control plane
   * removes when it stopped (before any node exists that a component could dial).
   */
  public static ControlPlaneBackend startEmpty(
      Path repositoryRoot, Path work, io.kubemon.it.controlplane.NodeAddresses addresses,
      int nodeCount) throws IOException {
    return startEmpty(repositoryRoot, work, addresses.ips().subList(0, nodeCount), addresses);
  }

  private static ControlPlaneBackend startEmpty(Path repositoryRoot, Path work,
      List<String> internalIps, io.kubemon.it.controlplane.NodeAddresses addresses)
      throws IOException {
    Binaries binaries = Binaries.build(repositoryRoot);
    ControlPlane plane = ControlPlane.start(binaries, work.resolve("controlplane"));
    if (addresses != null) {
      addresses.removeAfter(plane);
    }
    try {
      return new ControlPlaneBackend(plane, plane.addNodes(internalIps));
    } catch (IOException | RuntimeException e) {
      plane.close();
      throw e;
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ControlPlaneBackend.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public String name() {
    return "real";
  }

  @Override
  public URI apiServer() {
    return plane.apiServer();
  }

  @Override
  public Path kubeconfig() {
    return plane.kubeconfig();
  }

  public ControlPlane plane() {
    return plane;
  }

  public List<String> nodeNames() {
    return nodes;
  }

  /**
   * README's cluster setup: {@code kubectl apply -f} of our files (client-side, as the admin
   * types it), after the Prometheus Operator CRDs went in server-side.
   */
  @Override
  public void apply(Path manifest) throws IOException {
    plane.kubectl("apply", "-f", manifest.toString());
  }

  /**
   * The Prometheus Operator's CRDs, server-side with {@code --force-conflicts} as README says: all
   * of the release's CRDs (the operator watches every kind), as the v0.93.1 module that build.sh
   * builds the operator from ships them ({@code example/prometheus-operator-crd}, the files of the
   * release asset); else the upstream subset in {@code ../shared/upstream}. Waits until the API
   * server serves them.
   */
  public void installOperatorCrds(Path repositoryRoot) throws IOException {
    Path crds = operatorCrds(repositoryRoot);
    try (Stream<Path> files = Files.list(crds)) {
      for (Path crd : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        plane.kubectl("apply", "--server-side", "--force-conflicts", "-f", crd.toString());
      }
    }
    plane.kubectl("wait", "--for=condition=Established", "--timeout=120s",
        "crd/prometheuses.monitoring.coreos.com", "crd/servicemonitors.monitoring.coreos.com");
  }

  private static Path operatorCrds(Path repositoryRoot) throws IOException {
    String modules = System.getenv().getOrDefault("GOMODCACHE", "");
    if (modules.isBlank()) {
      String gopath = System.getenv().getOrDefault("GOPATH", "");
      modules = (gopath.isBlank() ? System.getProperty("user.home") + "/go" : gopath) + "/pkg/mod";
    }
    Path release = Path.of(modules, "github.com/prometheus-operator/prometheus-operator@v0.93.1",
        "example/prometheus-operator-crd");
    if (Files.isDirectory(release)) {
      return release;
    }
    Path shared = repositoryRoot.resolveSibling("shared").resolve("upstream/prometheus-operator");
    if (Files.isDirectory(shared)) {
      return shared;
    }
    throw new ControlPlaneException("no Prometheus Operator CRDs: neither " + release
        + " (fetched by build.sh) nor " + shared + " exists");
  }

  /** Waits until at least {@code pods} pods are Running. */
  public void awaitRunning(int pods) {
    plane.awaitCluster("run " + pods + " pods", () -> {
      try {
        String phases = plane.kubectl("get", "pods", "-A", "-o",
            "jsonpath={range .items[*]}{.status.phase}{\"\\n\"}{end}");
        return phases.lines().filter("Running"::equals).count() >= pods;
      } catch (IOException e) {
        return false;
      }
    }, java.time.Duration.ofMinutes(3).plusMillis(100L * pods));
  }

  /** Waits until every pod of the workloads is where kwok and the controllers put it. */
  public void awaitWorkloads(int expectedRunning) {
    awaitRunning(expectedRunning);
    plane.awaitCluster("fail the Job default/db-migrate", () -> {
      try {
        return plane.kubectl("-n", "default", "get", "job", "db-migrate", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Failed\")].status}")
            .strip().equals("True");
      } catch (IOException e) {
        return false;
      }
    });
  }

  /**
   * Waits until metrics-server serves every node and at least {@code pods} pods: it needs two
   * scrapes of a container (15 s apart) before it reports its CPU.
   */
  public void awaitUsageMetrics(int pods) {
    plane.awaitCluster("serve metrics of every node and " + pods + " pods through metrics.k8s.io",
        () -> items("/apis/metrics.k8s.io/v1beta1/nodes") >= nodes.size()
            && items("/apis/metrics.k8s.io/v1beta1/pods") >= pods);
  }

  private int items(String path) {
    try {
      return JsonParser.parseString(plane.kubectl("get", "--raw", path))
          .getAsJsonObject().getAsJsonArray("items").size();
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  @Override
  public Map<String, String> secretData(String namespace, String secret) throws IOException {
    Map<String, String> decoded = new LinkedHashMap<>();
    String what = "fill the Secret " + namespace + "/" + secret + " (token controller)";
    plane.awaitCluster(what, () -> {
      try {
        JsonObject data = JsonParser.parseString(
                plane.kubectl("-n", namespace, "get", "secret", secret, "-o", "json"))
            .getAsJsonObject().getAsJsonObject("data");
        if (data == null || !data.has("token")) {
          return false;
        }
        for (Map.Entry<String, JsonElement> e : data.entrySet()) {
          decoded.put(e.getKey(), new String(
              Base64.getDecoder().decode(e.getValue().getAsString()), StandardCharsets.UTF_8));
        }
        return true;
      } catch (IOException e) {
        return false;
      }
    });
    return decoded;
  }

  @Override
  public void close() {
    plane.close();
  }
}
