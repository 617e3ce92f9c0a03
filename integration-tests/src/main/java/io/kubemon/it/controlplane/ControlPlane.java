package io.kubemon.it.controlplane;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A real Kubernetes control plane as local processes on 127.0.0.1, the way kwok's "binary runtime"
 * runs one: etcd → kube-apiserver (RBAC + Node authorization, service-account issuer, aggregator
 * front-proxy certificates) → kube-controller-manager (token controller with the root CA,
 * workload and garbage-collection controllers) → kube-scheduler → kwok (fake nodes whose pods
 * run) → metrics-server behind the real aggregator as {@code v1beta1.metrics.k8s.io}.
 *
 * <p>{@link #close()} ends exactly the processes it started and removes etcd's data.
 */
public final class ControlPlane implements AutoCloseable {
  public static final String VERSION = "v1.36.3";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  /**
   * Service and pod addresses are on loopback, so nothing the cluster does can send a packet off
   * this machine: the aggregator dials a Service's cluster IP, the service proxy a pod's IP, and
   * neither has a network behind it here. Validation allows both (only Endpoints and
   * EndpointSlices refuse loopback addresses, so Services here have no endpoints).
   */
  static final String SERVICE_CIDR = "127.96.0.0/16";

  static final String POD_CIDR = "127.100.0.1/16";

  private final Binaries binaries;
  private final Path work;
  private final Path etcdData;
  private final List<Component> components = Collections.synchronizedList(new ArrayList<>());
  private final List<AutoCloseable> closeAfterComponents =
      Collections.synchronizedList(new ArrayList<>());
  private Pki pki;
  private Path adminKubeconfig;
  private URI apiServer;
  private HttpClient admin;
  private int kwokPort;
  private Thread stopper;
  private boolean closed;

  private ControlPlane(Binaries binaries, Path work) throws IOException {
    this.binaries = binaries;
    this.work = work;
    Path shm = Path.of("/dev/shm");
    this.etcdData =
        Files.createTempDirectory(Files.isDirectory(shm) ? shm : work, "kubemon-etcd-");
  }

  /** Starts every component, waits until the cluster serves; on failure stops what it started. */
  public static ControlPlane start(Binaries binaries, Path work) throws IOException {
    ControlPlane plane = new ControlPlane(binaries, Files.createDirectories(work));
    // A test JVM ended by a signal still stops what it started.
    Thread stopper = new Thread(plane::close, "kubemon-controlplane-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    plane.stopper = stopper;
    try {
      plane.startAll();
      return plane;
    } catch (IOException | RuntimeException e) {
      plane.close();
      throw e;
    }
  }

  public URI apiServer() {
    return apiServer;
  }

  /** The cluster-admin kubeconfig (client certificate of group system:masters). */
  public Path kubeconfig() {
    return adminKubeconfig;
  }

  public Path caCertificate() {
    return pki.ca().cert();
  }

  /** The process ids of every component started, alive or not. */
  public List<Long> pids() {
    return components.stream().map(Component::pid).toList();
  }

  private void startAll() throws IOException {
    Path logs = Files.createDirectories(work.resolve("logs"));
    pki = Pki.create(work.resolve("pki"));
    int etcdPort = freePort();
    int peerPort = freePort();
    int apiPort = freePort();
    kwokPort = freePort();
    int metricsPort = freePort();
    apiServer = URI.create("https://127.0.0.1:" + apiPort);

    Component etcd =
        start(logs, "etcd",
            "--name=controlplane",
            "--data-dir=" + etcdData,
            "--listen-client-urls=http://127.0.0.1:" + etcdPort,
            "--advertise-client-urls=http://127.0.0.1:" + etcdPort,
            "--listen-peer-urls=http://127.0.0.1:" + peerPort,
            "--initial-advertise-peer-urls=http://127.0.0.1:" + peerPort,
            "--initial-cluster=controlplane=http://127.0.0.1:" + peerPort,
            "--unsafe-no-fsync=true",
            "--quota-backend-bytes=8589934592",
            "--auto-compaction-retention=5m",
            "--log-level=warn");
    awaitHttp(
        etcd, "answer on /health", URI.create("http://127.0.0.1:" + etcdPort + "/health"), null);

    Pki.Pair serving =
        pki.serving(
            "kube-apiserver",
            List.of("localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
                "kubernetes.default.svc.cluster.local"),
            List.of("127.0.0.1", "127.96.0.1"));
    Pki.Pair adminCert = pki.client("admin", "kubernetes-admin", "system:masters");
    Pki.Pair frontProxy = pki.frontProxyClient();
    Pki.ServiceAccountKeys saKeys = pki.serviceAccountKeys();
    adminKubeconfig = pki.kubeconfig("admin", apiServer.toString(), adminCert);
    Component apiserver =
        start(logs, "kube-apiserver",
            "--etcd-servers=http://127.0.0.1:" + etcdPort,
            "--bind-address=127.0.0.1",
            "--advertise-address=127.0.0.1",
            "--secure-port=" + apiPort,
            "--cert-dir=" + Files.createDirectories(work.resolve("apiserver-certs")),
            "--tls-cert-file=" + serving.cert(),
            "--tls-private-key-file=" + serving.key(),
            "--client-ca-file=" + pki.ca().cert(),
            "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
            "--service-account-key-file=" + saKeys.publicKey(),
            "--service-account-signing-key-file=" + saKeys.privateKey(),
            "--service-cluster-ip-range=" + SERVICE_CIDR,
            "--authorization-mode=Node,RBAC",
            "--enable-admission-plugins=NodeRestriction",
            "--allow-privileged=true",
            "--endpoint-reconciler-type=none",
            "--proxy-client-cert-file=" + frontProxy.cert(),
            "--proxy-client-key-file=" + frontProxy.key(),
            "--requestheader-client-ca-file=" + pki.frontProxyCa().cert(),
            "--requestheader-allowed-names=front-proxy-client",
            "--requestheader-username-headers=X-Remote-User",
            "--requestheader-group-headers=X-Remote-Group",
            "--requestheader-extra-headers-prefix=X-Remote-Extra-");
    admin =
        HttpClient.newBuilder()
            .sslContext(pki.clientContext(adminCert))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    awaitHttp(apiserver, "become ready (/readyz)", apiServer.resolve("/readyz"), admin);

    Pki.Pair kcmCert = pki.client("kube-controller-manager", "system:kube-controller-manager");
    Component controllers =
        start(logs, "kube-controller-manager",
            "--kubeconfig="
                + pki.kubeconfig("kube-controller-manager", apiServer.toString(), kcmCert),
            "--bind-address=127.0.0.1",
            "--secure-port=0",
            "--leader-elect=false",
            "--use-service-account-credentials=true",
            "--service-account-private-key-file=" + saKeys.privateKey(),
            "--root-ca-file=" + pki.ca().cert(),
            "--controllers=*",
            "--kube-api-qps=200",
            "--kube-api-burst=400",
            "--node-monitor-grace-period=5m");
    Pki.Pair schedulerCert = pki.client("kube-scheduler", "system:kube-scheduler");
    start(logs, "kube-scheduler",
        "--kubeconfig=" + pki.kubeconfig("kube-scheduler", apiServer.toString(), schedulerCert),
        "--bind-address=127.0.0.1",
        "--secure-port=0",
        "--leader-elect=false");
    // Pods can be created once the service-account controller has made "default" accounts.
    await(controllers, "create the default service account",
        () -> kubectlQuietly("-n", "default", "get", "serviceaccount", "default"));

    Pki.Pair kwokServing = pki.serving("kwok", List.of("localhost"), List.of("127.0.0.1"));
    Path kwokConfig = work.resolve("kwok.yaml");
    try (InputStream in = ControlPlane.class.getResourceAsStream("/controlplane/kwok.yaml")) {
      Files.write(kwokConfig, in.readAllBytes());
    }
    start(logs, "kwok",
        "--kubeconfig=" + adminKubeconfig,
        "--config=" + kwokConfig,
        "--manage-all-nodes=false",
        "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
        "--node-ip=127.0.0.1",
        "--node-port=" + kwokPort,
        "--server-address=127.0.0.1:" + kwokPort,
        "--tls-cert-file=" + kwokServing.cert(),
        "--tls-private-key-file=" + kwokServing.key(),
        "--node-lease-duration-seconds=40",
        "--cidr=" + POD_CIDR);

    Pki.Pair metricsServing =
        pki.serving("metrics-server", List.of("metrics-server.kube-system.svc"), List.of());
    Component metricsServer =
        start(logs, "metrics-server",
            "--kubeconfig=" + adminKubeconfig,
            "--authentication-kubeconfig=" + adminKubeconfig,
            "--authorization-kubeconfig=" + adminKubeconfig,
            "--bind-address=127.0.0.1",
            "--secure-port=" + metricsPort,
            "--tls-cert-file=" + metricsServing.cert(),
            "--tls-private-key-file=" + metricsServing.key(),
            "--kubelet-preferred-address-types=InternalIP",
            "--kubelet-use-node-status-port",
            "--kubelet-certificate-authority=" + pki.ca().cert(),
            "--metric-resolution=15s");
    apply(aggregated("metrics-server", "kube-system", metricsPort, "metrics.k8s.io", "v1beta1"));
    await(metricsServer, "become Available as v1beta1.metrics.k8s.io",
        () -> available("v1beta1.metrics.k8s.io"));
  }

  /**
   * Starts one more program of the build beside the control plane (e.g. prometheus-operator as
   * our manifests run it); it is checked while the cluster is awaited and stopped with it.
   */
  public void startExtra(String program, Map<String, String> env, List<String> arguments)
      throws IOException {
    Component component = Component.start(program, work.resolve("logs"),
        binaries.command(program, arguments.toArray(String[]::new)), env);
    components.add(component);
  }

  /** The last 20 lines of a program's log, for a failure message. */
  public String logTail(String program) {
    return components.stream().filter(c -> c.name().equals(program)).findFirst()
        .map(Component::tail).orElse("(" + program + " was not started)");
  }

  /**
   * A TLS context presenting a serving certificate of the cluster CA for {@code ips} (e.g. a
   * kubelet's on its node address, as a CA-signed kubelet serving certificate names it).
   */
  public javax.net.ssl.SSLContext servingContext(String name, List<String> ips)
      throws IOException {
    return pki.clientContext(pki.serving(name, List.of(name), ips));
  }

  /** As above, but self-signed: a kubelet serving certificate the cluster CA does not verify. */
  public javax.net.ssl.SSLContext selfSignedServingContext(String name, List<String> ips)
      throws IOException {
    return pki.clientContext(pki.selfSignedServing(name, ips));
  }

  /**
   * Closes {@code resource} in {@link #close()} after every component stopped (also from the
   * shutdown hook), e.g. node addresses the components dial, which must outlive them.
   */
  public void closeAfterComponents(AutoCloseable resource) {
    closeAfterComponents.add(resource);
  }

  /** A Service of type ExternalName 127.0.0.1 and an APIService verified with the cluster CA. */
  public String aggregated(String service, String namespace, int port, String group, String version)
      throws IOException {
    String caBundle =
        java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(pki.ca().cert()));
    return """
        apiVersion: v1
        kind: Service
        metadata: {name: %1$s, namespace: %2$s}
        spec:
          type: ExternalName
          externalName: 127.0.0.1
          ports: [{name: https, port: %3$d, protocol: TCP}]
        ---
        apiVersion: apiregistration.k8s.io/v1
        kind: APIService
        metadata: {name: %5$s.%4$s}
        spec:
          group: %4$s
          version: %5$s
          service: {name: %1$s, namespace: %2$s, port: %3$d}
          caBundle: %6$s
          groupPriorityMinimum: 100
          versionPriority: 100
        """
        .formatted(service, namespace, port, group, version, caBundle);
  }

  /** Whether an APIService reports condition Available=True. */
  public boolean available(String apiService) {
    try {
      return kubectl("get", "apiservice", apiService,
              "-o", "jsonpath={.status.conditions[?(@.type==\"Available\")].status}")
          .strip()
          .equals("True");
    } catch (IOException e) {
      return false;
    }
  }

  /** Fake nodes that kwok manages: {@code kwok-node-0 … kwok-node-(n-1)}. */
  public List<String> addNodes(int count) throws IOException {
    return addNodes(Collections.nCopies(count, null));
  }

  /**
   * As above, node {@code i} with InternalIP {@code internalIps.get(i)} (kwok's stage reads the
   * annotation {@code kubemon.io/node-ip}); a null entry keeps kwok's {@code --node-ip}.
   */
  public List<String> addNodes(List<String> internalIps) throws IOException {
    int count = internalIps.size();
    StringBuilder yaml = new StringBuilder();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = "kwok-node-" + i;
      names.add(name);
      String ip = internalIps.get(i);
      yaml.append(
          """
          apiVersion: v1
          kind: Node
          metadata:
            name: %1$s
            annotations:
              kwok.x-k8s.io/node: fake
              metrics.k8s.io/resource-metrics-path: /metrics/nodes/%1$s/metrics/resource
              %2$s
            labels:
              kubernetes.io/hostname: %1$s
              kubernetes.io/os: linux
              kubernetes.io/arch: amd64
              node-role.kubernetes.io/worker: ""
              type: kwok
          ---
          """
              .formatted(name, ip == null ? "" : "kubemon.io/node-ip: \"" + ip + "\""));
    }
    apply(yaml.toString());
    awaitCluster("report every node Ready",
        () -> countLines(kubectlQuietlyOut("get", "nodes", "-o",
            "jsonpath={range .items[*]}{.status.conditions[?(@.type==\"Ready\")].status}"
                + "{\"\\n\"}{end}"),
            "True") >= count);
    return names;
  }

  /** {@code kubectl apply --server-side} of YAML text, as cluster admin. */
  public void apply(String yaml) throws IOException {
    Path file = Files.createTempFile(work, "apply-", ".yaml");
    Files.writeString(file, yaml);
    apply(file);
  }

  public void apply(Path manifest) throws IOException {
    kubectl("apply", "--server-side", "--force-conflicts", "--field-manager=kubemon-tests",
        "-f", manifest.toString());
  }

  /** Runs kubectl (built with the control plane) as cluster admin; returns stdout. */
  public String kubectl(String... arguments) throws IOException {
    List<String> command = new ArrayList<>(binaries.command("kubectl"));
    command.add("--kubeconfig=" + adminKubeconfig);
    command.addAll(List.of(arguments));
    Path out = Files.createTempFile(work, "kubectl-", ".out");
    Path err = Files.createTempFile(work, "kubectl-", ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("kubectl " + String.join(" ", arguments) + " did not end in 5 min");
      }
      if (process.exitValue() != 0) {
        throw new IOException(
            "kubectl " + String.join(" ", arguments) + " failed: "
                + Files.readString(err, StandardCharsets.UTF_8).strip());
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private boolean kubectlQuietly(String... arguments) {
    try {
      kubectl(arguments);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String kubectlQuietlyOut(String... arguments) {
    try {
      return kubectl(arguments);
    } catch (IOException e) {
      return "";
    }
  }

  private static long countLines(String text, String line) {
    return text.lines().filter(line::equals).count();
  }

  /** Waits until {@code condition} holds while every component keeps running. */
  public void awaitCluster(String what, BooleanSupplier condition) {
    awaitCluster(what, condition, START_TIMEOUT);
  }

  /** As above with a longer wait, e.g. for thousands of objects. */
  public void awaitCluster(String what, BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      components.forEach(Component::checkAlive);
      if (System.nanoTime() > deadline) {
        throw new ControlPlaneException(
            "the control plane did not " + what + " within " + timeout.toMinutes() + " min");
      }
      pause();
    }
  }

  private void await(Component component, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      components.forEach(Component::checkAlive);
      if (System.nanoTime() > deadline) {
        throw component.failure(
            "did not " + what + " within " + START_TIMEOUT.toMinutes() + " min");
      }
      pause();
    }
  }

  private void awaitHttp(Component component, String what, URI uri, HttpClient client) {
    HttpClient http = client != null ? client : HttpClient.newHttpClient();
    await(component, what, () -> {
      try {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ControlPlaneException("interrupted while waiting for " + component.name(), e);
      }
    });
  }

  private Component start(Path logs, String program, String... arguments) throws IOException {
    Component component = Component.start(program, logs, binaries.command(program, arguments));
    components.add(component);
    return component;
  }

  /** A free TCP port on 127.0.0.1 (free when asked; a component that loses it says so). */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ControlPlaneException("interrupted while starting the control plane", e);
    }
  }

  /** Stops every component, last started first, and removes etcd's data. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (stopper != null && Thread.currentThread() != stopper) {
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook runs this anyway.
      }
    }
    List<Component> started = new ArrayList<>(components);
    Collections.reverse(started);
    started.forEach(Component::stop);
    for (AutoCloseable resource : List.copyOf(closeAfterComponents)) {
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("kubemon controlplane: cannot close " + resource + ": " + e);
      }
    }
    try (Stream<Path> files = Files.walk(etcdData)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("kubemon controlplane: cannot remove " + etcdData + ": " + e.getMessage());
    }
  }
}
