package io.kubemon.it.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubemon.it.backend.ControlPlaneBackend;
import io.kubemon.it.controlplane.Binaries;
import io.kubemon.it.controlplane.ControlPlane;
import io.kubemon.it.controlplane.NodeAddresses;
import io.kubemon.it.prom.KubeletMetrics;
import io.kubemon.it.sim.cluster.ClusterStore;
import io.kubemon.it.sim.cluster.Resource;
import io.kubemon.it.sim.cluster.Usage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole Prometheus pipeline of {@code manifests/} on the real control plane, every program the
 * real one built from its Go module: prometheus-operator v0.93.1 reconciles our Prometheus and
 * ServiceMonitor; Prometheus v3 runs <b>the configuration the operator generated</b> and finds the
 * kubelets through Kubernetes service discovery in the Endpoints the operator wrote; each kwok
 * node has its own address ({@link NodeAddresses}) with a kubelet on port 10250 that serves
 * {@code /metrics}, {@code /metrics/cadvisor} and {@code /metrics/resource} (the simulator's
 * {@link KubeletMetrics}: real series names and labels, the same container series on both paths)
 * over TLS with a serving certificate of the cluster CA, and requires Prometheus' bearer token;
 * prometheus-adapter v0.12.0 runs with our Deployment's arguments and our ConfigMap's rules and
 * answers {@code custom.metrics.k8s.io} through the real aggregator, registered by the APIService
 * that {@code certs} writes. The agent reads the custom metrics and Prometheus through the real
 * API server, Prometheus through its service proxy as a site does (no {@code --prometheus-url}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineOnControlPlaneIT {
  private static final int NODES = 2;
  private static final int WEB_REPLICAS = 4;
  private static final String SERVICE_ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount/";
  private static final Pattern SD_ROLE = Pattern.compile("^(\\s*)- role: \\S+$");
  private static final Duration SCRAPES = Duration.ofMinutes(5);

  private final Repository repository = Repository.locate();
  private HttpClient http;
  private Path kubemonCa;
  private NodeAddresses addresses;
  private ControlPlaneBackend cluster;
  private ControlPlane plane;
  private Path work;
  private String generated;
  private String adapted;
  private URI prometheus;
  private final List<KubeletMetrics> kubelets = new ArrayList<>();
  private ClusterStore pods;
  private String kubeletToken;
  private Path agentToken;
  private Path agentCa;

  @BeforeAll
  void bringUp() throws Exception {
    work = Files.createTempDirectory("kubemon-pipeline");
    try {
      // One address per node, one for prometheus-adapter, one for the Prometheus pod.
      addresses = NodeAddresses.add(NODES + 2);
      cluster = ControlPlaneBackend.startEmpty(repository.root(), work, addresses, NODES);
    } catch (NodeAddresses.Unavailable | Binaries.Unavailable e) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI must run the real Prometheus pipeline: " + e.getMessage(), e);
      }
      System.out.println("PipelineOnControlPlaneIT skipped: " + e.getMessage());
      Assumptions.abort(e.getMessage());
    }
    plane = cluster.plane();
    cluster.installOperatorCrds(repository.root());
    // README's cluster setup: certs, then our manifests in README's order.
    for (Path manifest : repository.clusterSetup(work)) {
      cluster.apply(manifest);
    }
    plane.apply(workload());
    generated = RealOperator.start(cluster, repository, work);
    awaitKubeletEndpoints();
    startKubelets();
    startPrometheus();
    startAdapter();
    Credentials main =
        Credentials.fetch(repository, cluster.kubeconfig(), "check-mk-token", work);
    agentToken = AgentProcess.writeToken(work.resolve("agent-token"), main.token());
    agentCa = Files.writeString(work.resolve("agent-ca.crt"), main.caPem());
  }

  @AfterAll
  void tearDown() throws IOException {
    kubelets.forEach(KubeletMetrics::close);
    if (cluster != null) {
      cluster.close();
    }
    if (addresses != null) {
      addresses.close();
    }
    if (work != null) {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** A Deployment whose pods kwok spreads over the nodes; the kubelets serve their usage. */
  private static String workload() {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
          replicas: %d
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: nginx
                image: nginx:1.27
                resources:
                  requests: {cpu: 100m, memory: 64Mi}
                  limits: {cpu: 500m, memory: 256Mi}
              - name: sidecar
                image: busybox:1.36
                resources: {requests: {cpu: 10m, memory: 16Mi}}
        """.formatted(WEB_REPLICAS);
  }

  /** The operator's kubelet Endpoints name every node address (not loopback: validation). */
  private void awaitKubeletEndpoints() {
    plane.awaitCluster("write every node address into the kubelet Endpoints", () -> {
      try {
        String ips = plane.kubectl("-n", "kube-system", "get", "endpoints", "kubemon-kubelet",
            "-o", "jsonpath={.subsets[*].addresses[*].ip}");
        return addresses.ips().subList(0, NODES).stream().allMatch(ips::contains);
      } catch (IOException e) {
        return false;
      }
    });
  }

  /**
   * The web pods as the API server holds them, and per node a kubelet on its address:10250 with
   * a serving certificate of the cluster CA for that address, requiring the token Prometheus
   * sends (its service account's).
   */
  private void startKubelets() throws IOException {
    plane.awaitCluster("run the " + WEB_REPLICAS + " web pods", () -> webPods().size()
        == WEB_REPLICAS);
    pods = new ClusterStore("");
    for (JsonObject pod : webPods()) {
      pods.put(Resource.PODS, pod);
    }
    JsonObject nodes = JsonParser.parseString(plane.kubectl("get", "nodes", "-o", "json"))
        .getAsJsonObject();
    for (JsonElement node : nodes.getAsJsonArray("items")) {
      pods.put(Resource.NODES, node.getAsJsonObject());
    }
    kubeletToken = RealOperator.token(plane, "prometheus");
    for (int i = 0; i < NODES; i++) {
      kubelets.add(kubelet(i, plane.servingContext(node(i), List.of(ip(i)))));
    }
  }

  private KubeletMetrics kubelet(int i, javax.net.ssl.SSLContext tls) throws IOException {
    return KubeletMetrics.serveNode(
        pods, node(i), new InetSocketAddress(ip(i), 10250), tls, kubeletToken);
  }

  private String node(int i) {
    return cluster.nodeNames().get(i);
  }

  private String ip(int i) {
    return addresses.ips().get(i);
  }

  private List<JsonObject> webPods() {
    try {
      List<JsonObject> running = new ArrayList<>();
      JsonObject list = JsonParser.parseString(plane.kubectl(
          "-n", "default", "get", "pods", "-l", "app=web", "-o", "json")).getAsJsonObject();
      for (JsonElement item : list.getAsJsonArray("items")) {
        JsonObject pod = item.getAsJsonObject();
        if ("Running".equals(pod.getAsJsonObject("status").get("phase").getAsString())) {
          running.add(pod);
        }
      }
      return running;
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /**
   * The operator's configuration, adapted only where a process outside a pod must differ:
   * <ul>
   *   <li>the service account's CA and token files (mounted into the pod on a cluster) are the
   *       cluster CA and a token of service account check-mk/prometheus, in files of this run;
   *   <li>each {@code kubernetes_sd_configs} entry gets {@code api_server} with that CA and token
   *       (inside a pod Prometheus takes them from the in-cluster environment);
   *   <li>{@code $(POD_NAME)} and {@code $(SHARD)} are expanded as the operator's config-reloader
   *       expands them from its environment in the StatefulSet: the pod name, shard 0.
   * </ul>
   * Every other line is as generated.
   */
  static String forAProcess(String generated, URI apiServer, Path ca, Path token) {
    StringBuilder out = new StringBuilder();
    int sdConfigs = 0;
    for (String line : generated.split("\n")) {
      out.append(line.replace(SERVICE_ACCOUNT + "ca.crt", ca.toString())
              .replace(SERVICE_ACCOUNT + "token", token.toString())
              .replace("$(POD_NAME)", "prometheus-prometheus-0")
              .replace("$(SHARD)", "0"))
          .append('\n');
      Matcher role = SD_ROLE.matcher(line);
      if (role.matches()) {
        String indent = role.group(1) + "  ";
        out.append(indent).append("api_server: ").append(apiServer).append('\n')
            .append(indent).append("tls_config:\n")
            .append(indent).append("  ca_file: ").append(ca).append('\n')
            .append(indent).append("authorization:\n")
            .append(indent).append("  credentials_file: ").append(token).append('\n');
        sdConfigs++;
      }
    }
    assertTrue(sdConfigs > 0, "no kubernetes_sd_configs role in the generated configuration:\n"
        + generated);
    assertTrue(!out.toString().contains("$("), "a variable the config-reloader expands is left:\n"
        + out);
    return out.toString();
  }

  /**
   * Prometheus as the pod {@code check-mk/prometheus-prometheus-0} the operator's StatefulSet made:
   * kwok gave the pod a loopback address, which Endpoints refuse, so its status gets one of this
   * run's addresses (the endpoints controller then writes it into our Service
   * {@code check-mk/prometheus}), and Prometheus listens there on 9090 with TLS, the serving
   * certificate {@code certs} wrote with that address as {@code --san} (the Prometheus CR's
   * {@code web.tlsConfig} names its Secret). The API server's service proxy reaches it there.
   */
  private void startPrometheus() throws IOException {
    Path dir = Files.createDirectories(work.resolve("prometheus"));
    Path token = AgentProcess.writeToken(dir.resolve("token"), kubeletToken);
    adapted = forAProcess(generated, plane.apiServer(), plane.caCertificate(), token);
    Path config = Files.writeString(dir.resolve("prometheus.yaml"), adapted);
    String address = addresses.ips().get(NODES + 1);
    AgentProcess.Result certs = new AgentProcess(repository).run(List.of("certs", "--out",
        work.resolve(Repository.CERTS).toString(), "--san", address), work);
    assertEquals(0, certs.exitCode(), certs.stderr());
    cluster.apply(work.resolve(Repository.CERTS).resolve("tls-secrets.yaml"));
    kubemonCa = work.resolve(Repository.CERTS).resolve("ca.crt");
    Path cert = Files.writeString(dir.resolve("tls.crt"), secret("prometheus-tls", "tls\\.crt"));
    Path key = dir.resolve("tls.key");
    Files.createFile(key,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(key, secret("prometheus-tls", "tls\\.key"));
    Path web = Files.writeString(dir.resolve("web.yaml"),
        "tls_server_config:\n  cert_file: " + cert + "\n  key_file: " + key + "\n");
    prometheus = URI.create("https://" + address + ":9090");
    plane.startExtra("prometheus", Map.of(), List.of(
        "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.config.file=" + web,
        "--web.listen-address=" + address + ":9090"));
    plane.awaitCluster("run the Prometheus pod", () -> {
      try {
        return plane.kubectl("-n", "check-mk", "get", "pod", "prometheus-prometheus-0",
            "-o", "jsonpath={.status.phase}").strip().equals("Running");
      } catch (IOException e) {
        return false;
      }
    });
    plane.kubectl("-n", "check-mk", "patch", "pod", "prometheus-prometheus-0",
        "--subresource=status", "--type=merge", "-p",
        "{\"status\":{\"podIP\":\"" + address + "\",\"podIPs\":[{\"ip\":\"" + address + "\"}]}}");
    plane.awaitCluster("write the Prometheus pod's address into the Endpoints check-mk/prometheus",
        () -> {
          try {
            return plane.kubectl("-n", "check-mk", "get", "endpoints", "prometheus", "-o",
                "jsonpath={.subsets[*].addresses[*].ip}").contains(address);
          } catch (IOException e) {
            return false;
          }
        });
    await("scrape every kubelet on both metrics paths (Prometheus targets up)",
        () -> kubeletTargets().stream().filter(t -> "up".equals(string(t, "health"))).count()
            == 3L * NODES,
        () -> "kubelet targets " + kubeletTargets() + "\nprometheus log:\n"
            + plane.logTail("prometheus") + "\nconfiguration run:\n" + adapted);
  }

  /** Waits as the control plane does; on timeout says what was seen instead. */
  private void await(String what, java.util.function.BooleanSupplier condition,
      java.util.function.Supplier<String> seen) {
    try {
      plane.awaitCluster(what, condition, SCRAPES);
    } catch (RuntimeException e) {
      throw new AssertionError(e.getMessage() + "; seen: " + seen.get(), e);
    }
  }

  /** Prometheus' active targets of the kubelet ServiceMonitor's three jobs. */
  private List<JsonObject> kubeletTargets() {
    List<JsonObject> targets = new ArrayList<>();
    try {
      JsonObject body = JsonParser.parseString(get(prometheus.resolve("/api/v1/targets")))
          .getAsJsonObject();
      for (JsonElement t : body.getAsJsonObject("data").getAsJsonArray("activeTargets")) {
        JsonObject target = t.getAsJsonObject();
        if (string(target, "scrapePool").startsWith("serviceMonitor/check-mk/kubelet/")) {
          targets.add(target);
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    return targets;
  }

  private String get(URI uri) throws IOException {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
          .sslContext(trusting(kubemonCa)).build();
    }
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException(uri + ": HTTP " + response.statusCode());
      }
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** A TLS context that trusts only the CA in {@code caFile} (the one {@code certs} made). */
  private static javax.net.ssl.SSLContext trusting(Path caFile) throws IOException {
    try (java.io.InputStream in = Files.newInputStream(caFile)) {
      java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca",
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
      javax.net.ssl.TrustManagerFactory tm = javax.net.ssl.TrustManagerFactory.getInstance(
          javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      tm.init(trust);
      javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
      context.init(null, tm.getTrustManagers(), null);
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot trust " + caFile + ": " + e, e);
    }
  }

  private static String string(JsonObject object, String key) {
    JsonElement value = object.get(key);
    return value == null || value.isJsonNull() ? "" : value.getAsString();
  }

  /**
   * prometheus-adapter with the container arguments of our Deployment, adapted where a process
   * outside the pod must differ: the serving certificate {@code certs} wrote (from its Secret),
   * our ConfigMap's rules (from the ConfigMap), this run's Prometheus at its pod address (no DNS
   * here; still verified with the kubemon CA), the API server through a kubeconfig with a token of
   * its own service account (so our RBAC for it applies), and the address the aggregator dials. Our
   * ClusterIP Service has no endpoints here (pod addresses are loopback), and the aggregator
   * only marks an APIService Available when its Service has endpoints or is an ExternalName;
   * so, as the launcher does for metrics-server, the Service becomes an ExternalName for an
   * address of this run, where the adapter listens on the Service's port.
   */
  private void startAdapter() throws IOException {
    Path dir = Files.createDirectories(work.resolve("adapter"));
    String address = addresses.ips().get(NODES);
    Path cert = Files.writeString(dir.resolve("tls.crt"), secret("prometheus-adapter-tls",
        "tls\\.crt"));
    Path key = dir.resolve("tls.key");
    Files.createFile(key,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(key, secret("prometheus-adapter-tls", "tls\\.key"));
    Path rules = Files.writeString(dir.resolve("config.yaml"), plane.kubectl(
        "-n", "check-mk", "get", "configmap", "adapter-config",
        "-o", "jsonpath={.data.config\\.yaml}"));
    Path kubeconfig = RealOperator.kubeconfig(plane, "prometheus-adapter", dir);
    int port = Integer.parseInt(plane.kubectl("-n", "check-mk", "get", "service",
        "prometheus-adapter", "-o", "jsonpath={.spec.ports[0].port}").strip());
    plane.kubectl("-n", "check-mk", "delete", "service", "prometheus-adapter");
    plane.apply("""
        apiVersion: v1
        kind: Service
        metadata: {name: prometheus-adapter, namespace: check-mk}
        spec:
          type: ExternalName
          externalName: %s
          ports: [{name: https, port: %d, protocol: TCP}]
        """.formatted(address, port));
    List<String> args = new ArrayList<>();
    for (String arg : RealOperator.containerArgs(
        repository.root().resolve("manifests/custom-metrics.yaml"), "prometheus-adapter")) {
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      switch (name) {
        case "--secure-port" -> args.add("--secure-port=" + port);
        case "--tls-cert-file" -> args.add("--tls-cert-file=" + cert);
        case "--tls-private-key-file" -> args.add("--tls-private-key-file=" + key);
        case "--config" -> args.add("--config=" + rules);
        case "--prometheus-url" -> args.add("--prometheus-url=" + prometheus + "/");
        case "--prometheus-ca-file" -> args.add("--prometheus-ca-file=" + kubemonCa);
        default -> args.add(arg);
      }
    }
    args.add("--bind-address=" + address);
    args.add("--lister-kubeconfig=" + kubeconfig);
    args.add("--authentication-kubeconfig=" + kubeconfig);
    args.add("--authorization-kubeconfig=" + kubeconfig);
    args.add("--cert-dir=" + dir.resolve("certs"));
    plane.startExtra("prometheus-adapter", Map.of(), args);
    await("make v1beta1.custom.metrics.k8s.io Available (prometheus-adapter)",
        () -> plane.available("v1beta1.custom.metrics.k8s.io"),
        () -> apiService() + "\nadapter log:\n" + plane.logTail("prometheus-adapter"));
  }

  private String apiService() {
    try {
      return plane.kubectl("get", "apiservice", "v1beta1.custom.metrics.k8s.io", "-o",
          "jsonpath={.status.conditions}");
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  private String secret(String name, String key) throws IOException {
    return new String(Base64.getDecoder().decode(plane.kubectl("-n", "check-mk", "get", "secret",
        name, "-o", "jsonpath={.data." + key + "}").strip()), StandardCharsets.UTF_8);
  }

  private AgentProcess.Result agent(String name) throws IOException {
    Path dir = Files.createDirectories(work.resolve(name));
    List<String> arguments = new ArrayList<>(AgentProcess.siteArguments(cluster.name(),
        cluster.apiServer().toString(), agentToken, agentCa, "prometheus,custom-metrics"));
    AgentProcess.Result run = new AgentProcess(repository).run(arguments, dir);
    assertEquals(0, run.exitCode(), run.stderr());
    return run;
  }

  private List<CheckRunner.Service> services(AgentProcess.Result run, String name)
      throws IOException {
    CheckRunner runner = new CheckRunner(repository);
    assertTrue(runner.missing() == null, runner.missing());
    Path file = Files.writeString(work.resolve(name + "-output.txt"), run.stdout());
    return runner.run(file, cluster.name());
  }

  private static CheckRunner.Service pipeline(List<CheckRunner.Service> services) {
    return services.stream().filter(s -> s.service().equals("Prometheus pipeline")).findFirst()
        .orElseThrow(() -> new AssertionError("no Prometheus pipeline service in " + services));
  }

  /** Kubernetes SD found each node's kubelet where the operator's Endpoints put it. */
  @Test
  @Order(1)
  void prometheusDiscoversEveryKubeletOnBothPaths() {
    List<JsonObject> targets = kubeletTargets();
    for (int i = 0; i < NODES; i++) {
      for (String path : List.of("/metrics", "/metrics/cadvisor", "/metrics/resource")) {
        String url = "https://" + ip(i) + ":10250" + path;
        assertTrue(targets.stream().anyMatch(t -> string(t, "scrapeUrl").equals(url)
            && "up".equals(string(t, "health"))), url + " up in " + targets);
      }
    }
  }

  /**
   * Both paths carry the same container series; the agent's figures are each container's served
   * value once: memory (a gauge) exactly, CPU (a rate over a window that is still filling)
   * never above it.
   */
  @Test
  @Order(2)
  void theAgentsUsageIsWhatTheKubeletsServeNotDoubled() throws IOException {
    // A rate needs two scrapes of a counter: wait for them (scrape interval 30 s, as generated).
    String query = "count(rate(container_cpu_usage_seconds_total{"
        + "metrics_path=\"/metrics/cadvisor\",namespace=\"default\",container!=\"\"}[5m]))";
    await("hold two scrapes of every web container's CPU counter", () -> {
      try {
        JsonObject body = JsonParser.parseString(get(prometheus.resolve("/api/v1/query?query="
            + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8)))).getAsJsonObject();
        JsonElement result = body.getAsJsonObject("data").getAsJsonArray("result");
        return result.getAsJsonArray().size() == 1 && result.getAsJsonArray().get(0)
            .getAsJsonObject().getAsJsonArray("value").get(1).getAsInt() >= 2 * WEB_REPLICAS;
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }, () -> query);
    AgentOutput out = AgentOutput.parse(agent("usage").stdout());
    for (JsonObject pod : webPods()) {
      String name = pod.getAsJsonObject("metadata").get("name").getAsString();
      String host = "pod_" + cluster.name() + "_default_" + name;
      JsonObject usage = out.section(host, "kubemon_pod_usage_v2");
      assertNotNull(usage, "kubemon_pod_usage_v2 of " + host);
      assertEquals("prometheus", usage.get("source").getAsString(), usage.toString());
      long memory = 0;
      double cores = 0;
      for (String container : List.of("nginx", "sidecar")) {
        memory += Usage.memoryBytes(pod, container);
        cores += Usage.cpuCores(pod, container);
      }
      assertEquals(memory, usage.get("memory_working_set_bytes").getAsLong(), host);
      assertTrue(usage.has("cpu_cores"), usage.toString());
      double cpu = usage.get("cpu_cores").getAsDouble();
      assertTrue(cpu > 0 && cpu <= cores * 1.05, host + ": " + cpu + " cores, served " + cores);
    }
  }

  /**
   * Issue #15: each emulated node host gets Checkmk's own Linux sections from cAdvisor's root
   * cgroup, as scraped by the real Prometheus through the operator's configuration.
   */
  @Test
  @Order(3)
  void nodesGetCheckmksOwnLinuxSections() throws IOException {
    AgentOutput out = AgentOutput.parse(agent("node-os").stdout());
    for (int i = 0; i < NODES; i++) {
      String host = "node_" + cluster.name() + "_" + node(i);
      List<String> kernel = out.textSection(host, "kernel");
      assertNotNull(kernel, "no <<<kernel>>> on " + host);
      assertTrue(kernel.get(0).matches("\\d{10}") && kernel.get(1).matches("cpu( \\d+){10}"),
          kernel.toString());
      List<String> mem = out.textSection(host, "mem");
      assertNotNull(mem, "no <<<mem>>> on " + host);
      assertTrue(mem.get(0).matches("MemTotal: \\d+ kB"), mem.toString());
      for (String section : List.of("df", "diskstat", "lnx_if")) {
        List<String> lines = out.textSection(host, section);
        assertTrue(lines != null && !lines.isEmpty(), "no <<<" + section + ">>> on " + host);
      }
    }
  }

  /** The adapter answers through the aggregator; the pipeline service is OK. */
  @Test
  @Order(4)
  void customMetricsComeThroughTheAggregatorAndThePipelineIsOk() throws IOException {
    String resources = plane.kubectl("get", "--raw", "/apis/custom.metrics.k8s.io/v1beta1");
    assertTrue(resources.contains("\"resources\""), resources);
    plane.awaitCluster("offer custom metrics for pods (adapter rules over Prometheus' series)",
        () -> {
          try {
            return plane.kubectl("get", "--raw", "/apis/custom.metrics.k8s.io/v1beta1")
                .contains("pods/");
          } catch (IOException e) {
            return false;
          }
        }, SCRAPES);
    AgentProcess.Result run = agent("pipeline");
    JsonObject health = AgentOutput.parse(run.stdout()).section("", "kubemon_pipeline_health_v1");
    assertNotNull(health, run.stdout());
    assertTrue(health.getAsJsonObject("adapter").get("available").getAsBoolean(),
        health.toString());
    assertTrue(health.getAsJsonObject("custom_metrics").get("offered").getAsInt() > 0,
        health.toString());
    assertEquals(3 * NODES, health.getAsJsonObject("prometheus").get("targets_up").getAsInt(),
        health.toString());
    CheckRunner.Service service = pipeline(services(run, "pipeline"));
    assertEquals(0, service.state(), service.toString());
  }

  /**
   * A kubelet whose serving certificate is self-signed (kubeadm's default): Prometheus' scrapes
   * fail with x509, and the pipeline service names the fix with its doc section.
   */
  @Test
  @Order(5)
  void aSelfSignedKubeletCertificateNamesTheFix() throws IOException {
    kubelets.get(NODES - 1).close();
    kubelets.set(NODES - 1, kubelet(NODES - 1,
        plane.selfSignedServingContext(node(NODES - 1), List.of(ip(NODES - 1)))));
    plane.awaitCluster("fail the scrapes of the self-signed kubelet with x509", () ->
        kubeletTargets().stream().filter(t -> string(t, "scrapeUrl").contains(ip(NODES - 1)))
            .filter(t -> string(t, "lastError").contains("x509")).count() == 3, SCRAPES);
    AgentProcess.Result run = agent("x509");
    CheckRunner.Service service = pipeline(services(run, "x509"));
    assertEquals(1, service.state(), service.toString());
    assertTrue(service.summary().contains("docs/troubleshooting.md#kubelet-tls-unknown-ca"),
        service.toString());
    assertTrue(service.summary().contains("serverTLSBootstrap"), service.toString());
  }
}
