package io.kubemon.it.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubemon.it.backend.FlowCluster;
import io.kubemon.it.prom.NodeExporterText;
import io.kubemon.it.sim.server.SimCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole flow a site goes through, against any cluster: apply our manifests, take the token and
 * CA with the agent's {@code credentials --kubeconfig} tool, run the agent as a process with the server-side call's arguments, check
 * the sections against docs/sections.md, and the services the check plug-ins make of them.
 * Subclasses only bring the cluster up; its workloads include {@code default/crashy} (in
 * CrashLoopBackOff), the DaemonSet {@code kube-system/node-agent} and the failed standalone Job
 * {@code default/db-migrate}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClusterFlowIT {
  private final Repository repository = Repository.locate();
  private FlowCluster cluster;
  private Path work;
  private String token;
  private String limitedToken;
  private final List<AgentProcess.Result> runs = new ArrayList<>();
  private AgentProcess.Result run;
  private AgentOutput output;
  private String parseError;

  /** Starts the cluster with its workloads; the flow applies our manifests itself. */
  abstract FlowCluster startCluster(Path work) throws Exception;

  abstract String usageSources();

  abstract List<String> nodeNames() throws Exception;

  /** Waits for what the manifests start (k3s: operator, Prometheus, adapter). */
  void afterManifests() throws Exception {}

  @BeforeAll
  void bringUp() throws Exception {
    String missing = new AgentProcess(repository).missing();
    if (missing != null) {
      fail(missing);
    }
    work = Files.createTempDirectory("kubemon-flow");
    cluster = startCluster(work);
    // README's cluster setup: certs, then our manifests and its output in README's order.
    for (Path manifest : repository.clusterSetup(work)) {
      cluster.apply(manifest);
    }
    afterManifests();
    cluster.apply(
        LimitedRbac.write(
            repository.root().resolve("manifests/check_mk_rbac.yaml"), "cronjobs", work));
    // As a site admin does: the credentials tool reads the token Secret with the admin kubeconfig.
    Credentials main =
        Credentials.fetch(repository, cluster.kubeconfig(), "check-mk-token", work);
    token = main.token();
    assertNotNull(main.caPem(), "the token Secret has no ca.crt");
    Files.writeString(work.resolve("ca.crt"), main.caPem());
    limitedToken =
        Credentials.fetch(repository, cluster.kubeconfig(), LimitedRbac.ACCOUNT + "-token", work)
            .token();
    run = agent(token, work.resolve("ca.crt"), "main");
    try {
      output = AgentOutput.parse(run.stdout());
    } catch (RuntimeException e) {
      parseError = "agent output does not follow docs/sections.md: " + e.getMessage();
    }
  }

  @AfterAll
  void tearDown() throws IOException {
    if (cluster != null) {
      cluster.close();
    }
    // The folder holds tokens, kubeconfigs and Prometheus' data: nothing of it may outlive the run.
    if (work != null) {
      try (java.util.stream.Stream<Path> files = Files.walk(work)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private AgentProcess.Result agent(String bearer, Path ca, String name) throws IOException {
    return agent(bearer, ca, name, usageSources());
  }

  private AgentProcess.Result agent(String bearer, Path ca, String name, String sources)
      throws IOException {
    return agent(bearer, ca, name, sources, List.of());
  }

  /** One agent run as a site runs it, with {@code extra} arguments after the site's. */
  AgentProcess.Result agent(String bearer, Path ca, String name, String sources,
      List<String> extra) throws IOException {
    Path dir = Files.createDirectories(work.resolve(name));
    Path tokenFile = AgentProcess.writeToken(dir.resolve("token"), bearer);
    List<String> arguments = new ArrayList<>(AgentProcess.siteArguments(
        cluster.name(), cluster.apiServer().toString(), tokenFile, ca, sources));
    arguments.addAll(extra);
    AgentProcess.Result result = new AgentProcess(repository).run(arguments, dir);
    runs.add(result);
    return result;
  }

  /** The main run's token and the CA the credentials tool read. */
  String token() {
    return token;
  }

  Path caFile() {
    return work.resolve("ca.crt");
  }

  Path work() {
    return work;
  }

  String host(String type, String... parts) {
    return type + "_" + cluster.name() + "_" + String.join("_", parts);
  }

  @Test
  void agentRunsCleanlyAndEverySourceIsOk() {
    assertEquals(0, run.exitCode(), run.stderr());
    JsonObject status = output().section("", "kubemon_agent_status_v1");
    assertNotNull(status, "no kubemon_agent_status_v1 on the cluster host");
    assertEquals(cluster.name(), status.get("cluster").getAsString());
    for (JsonElement source : status.getAsJsonArray("sources")) {
      assertEquals("ok", source.getAsJsonObject().get("state").getAsString(), source.toString());
    }
  }

  @Test
  void clusterHostHasTheClusterSections() {
    for (String section :
        List.of(
            "kubemon_cluster_info_v1",
            "kubemon_cluster_api_v1",
            "kubemon_cluster_nodes_v1",
            "kubemon_cluster_storage_v1",
            "kubemon_object_labels_v3")) {
      assertNotNull(output().section("", section), section + " missing on the cluster host");
    }
    assertEquals(
        cluster.name(), output().section("", "kubemon_cluster_info_v1").get("name").getAsString());
  }

  @Test
  void everyNodeIsAPiggybackHost() throws Exception {
    for (String node : nodeNames()) {
      String host = host("node", node);
      assertNotNull(output().section(host, "kubemon_node_info_v1"), "node_info of " + host);
      assertNotNull(
          output().section(host, "kubemon_node_conditions_v1"), "node_conditions of " + host);
    }
  }

  @Test
  void theCrashLoopingPodShowsItsStatus() {
    JsonObject info = crashyPodInfo();
    assertEquals("CrashLoopBackOff", info.get("status").getAsString());
    // the pod's namespace and name are in its labels section (kubemon_pod_info_v3 leaves them out)
    assertEquals("default", crashyPodLabels().get("namespace").getAsString());
    assertFalse(info.has("namespace"), info.toString());
  }

  @Test
  void workloadsAndNamespacesArePiggybackHosts() {
    assertNotNull(
        output().section(host("deployment", "default", "crashy"), "kubemon_workload_replicas_v2"));
    assertNotNull(
        output()
            .section(
                host("daemonset", "kube-system", "node-agent"), "kubemon_workload_replicas_v2"));
    assertNotNull(output().section(host("namespace", "default"), "kubemon_namespace_info_v1"));
  }

  @Test
  void podUsageComesFromPrometheusWhenItIsAUsageSource() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        usageSources().contains("prometheus"), "usage source prometheus not in use");
    String pod =
        output().hosts().keySet().stream()
            .filter(h -> h.startsWith(host("pod", "kube-system", "node-agent-")))
            .findFirst()
            .orElseThrow();
    JsonObject usage = output().section(pod, "kubemon_pod_usage_v2");
    assertNotNull(usage, "kubemon_pod_usage_v2 of " + pod);
    assertEquals("prometheus", usage.get("source").getAsString());
    assertTrue(usage.get("cpu_cores").getAsDouble() > 0, usage.toString());
    JsonObject health = output().section("", "kubemon_pipeline_health_v1");
    assertNotNull(health, "kubemon_pipeline_health_v1 on the cluster host");
    assertTrue(
        health.getAsJsonObject("prometheus").get("reachable").getAsBoolean(), health.toString());
  }

  @Test
  void nodeAndPodUsageComeFromTheMetricsApiAlone() throws Exception {
    AgentProcess.Result metrics = agent(token, work.resolve("ca.crt"), "metrics-api", "metrics-api");
    assertEquals(0, metrics.exitCode(), metrics.stderr());
    AgentOutput out = AgentOutput.parse(metrics.stdout());
    for (String node : nodeNames()) {
      JsonObject usage = out.section(host("node", node), "kubemon_node_usage_v1");
      assertNotNull(usage, "kubemon_node_usage_v1 of node " + node);
      assertEquals("metrics_api", usage.get("source").getAsString());
      assertTrue(usage.get("cpu_cores").getAsDouble() > 0, usage.toString());
      assertTrue(usage.get("memory_working_set_bytes").getAsDouble() > 0, usage.toString());
    }
    JsonObject pod = out.section(healthyPodHost(out), "kubemon_pod_usage_v2");
    assertNotNull(pod, "kubemon_pod_usage_v2 of " + healthyPodHost(out));
    assertEquals("metrics_api", pod.get("source").getAsString());
    assertNull(out.section("", "kubemon_pipeline_health_v1"), "no pipeline source was asked");
    for (JsonElement e : out.section("", "kubemon_agent_status_v1").getAsJsonArray("sources")) {
      JsonObject source = e.getAsJsonObject();
      assertFalse(source.get("source").getAsString().startsWith("prometheus/"), source.toString());
    }
  }

  /**
   * Both sources see the same containers: memory is a gauge and must agree exactly; CPU is a
   * rate() over 5 minutes, which reads low while Prometheus holds less history than that (a fresh
   * Prometheus here), but never high, and never in another unit.
   */
  @Test
  void prometheusAndTheMetricsApiAgreeOnAPod() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        usageSources().contains("prometheus"), "usage source prometheus not in use");
    AgentProcess.Result metrics =
        agent(token, work.resolve("ca.crt"), "metrics-api-compare", "metrics-api");
    AgentOutput fromMetrics = AgentOutput.parse(metrics.stdout());
    String pod = healthyPodHost(output());
    JsonObject prometheus = output().section(pod, "kubemon_pod_usage_v2");
    JsonObject metricsApi = fromMetrics.section(pod, "kubemon_pod_usage_v2");
    assertNotNull(metricsApi, "kubemon_pod_usage_v2 of " + pod + " from the metrics API");
    assertEquals(
        metricsApi.get("memory_working_set_bytes").getAsLong(),
        prometheus.get("memory_working_set_bytes").getAsLong(),
        "memory working set of " + pod);
    double promCpu = prometheus.get("cpu_cores").getAsDouble();
    double apiCpu = metricsApi.get("cpu_cores").getAsDouble();
    assertTrue(promCpu > 0 && promCpu <= apiCpu * 1.05,
        "Prometheus " + promCpu + " cores vs metrics API " + apiCpu + " cores for " + pod);
  }

  /** cAdvisor's root cgroup gives each node its host network and main filesystem. */
  @Test
  void nodesHaveFilesystemAndNetworkServicesFromPrometheus() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        usageSources().contains("prometheus"), "usage source prometheus not in use");
    List<CheckRunner.Service> services = checkServices();
    for (String node : nodeNames()) {
      JsonObject usage = output().section(host("node", node), "kubemon_node_usage_v1");
      assertNotNull(usage, "kubemon_node_usage_v1 of node " + node);
      double used = number(usage, "fs_used_bytes");
      double capacity = number(usage, "fs_capacity_bytes");
      assertTrue(capacity >= 1L << 30 && used > 0 && used < capacity, usage.toString());
      for (String rate : List.of("network_rx_bytes_per_s", "network_tx_bytes_per_s")) {
        // More than nothing, less than a 10 Gbit/s link.
        assertTrue(number(usage, rate) > 0 && number(usage, rate) < 1.25e9, usage.toString());
      }
      String nodeHost = host("node", node);
      assertEquals(0, state(services, nodeHost, "Filesystem"), "Filesystem of " + nodeHost);
      assertTrue(summary(services, nodeHost, "Filesystem").startsWith("Used: "), nodeHost);
      assertTrue(summary(services, nodeHost, "Network").matches("In: .+, Out: .+"), nodeHost);
    }
    // An idle pause container may well send nothing: a figure, not a positive one.
    JsonObject pod = output().section(healthyPodHost(output()), "kubemon_pod_usage_v2");
    assertTrue(number(pod, "network_tx_bytes_per_s") >= 0, pod.toString());
  }

  /**
   * Each node host gets Checkmk's own Linux agent sections from cAdvisor's root cgroup
   * (docs/sections.md, "Node OS sections"), consistent with the node's own figures.
   */
  @Test
  void nodesHaveCheckmksOwnLinuxSectionsFromPrometheus() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        usageSources().contains("prometheus"), "usage source prometheus not in use");
    AgentOutput out = output();
    for (String node : nodeNames()) {
      String h = host("node", node);
      List<String> kernel = out.textSection(h, "kernel");
      assertNotNull(kernel, "no <<<kernel>>> on " + h);
      // With node-exporter, /proc/vmstat lines come before the cpu line.
      assertTrue(kernel.get(0).matches("\\d{10}")
          && kernel.stream().anyMatch(l -> l.matches("cpu( \\d+){10}")), kernel.toString());
      List<String> mem = out.textSection(h, "mem");
      assertNotNull(mem, "no <<<mem>>> on " + h);
      long allocatable = out.section(h, "kubemon_memory_resources_v2").get("allocatable")
          .getAsLong();
      long memTotal = Long.parseLong(mem.get(0).replaceAll("^MemTotal: (\\d+) kB$", "$1"));
      assertTrue(memTotal * 1024 >= allocatable && memTotal * 1024 < 4 * allocatable,
          "MemTotal " + memTotal + " kB, allocatable " + allocatable + " B on " + h);
      // The df line of the node's main device has the size the node usage section reports
      // (node-exporter's has a type column and the mount point).
      long capacityKb = (long) number(out.section(h, "kubemon_node_usage_v1"), "fs_capacity_bytes")
          / 1024;
      List<String> df = out.textSection(h, "df");
      assertNotNull(df, "no <<<df>>> on " + h);
      assertTrue(df.stream().anyMatch(
          l -> l.matches("/dev/\\S+ (ext4 )?" + capacityKb + " \\d+ \\d+ \\d+% /\\S*")),
          df.toString());
      List<String> diskstat = out.textSection(h, "diskstat");
      assertNotNull(diskstat, "no <<<diskstat>>> on " + h);
      assertTrue(diskstat.size() >= 2 && diskstat.get(1).matches("None None \\S+( \\d+){11}"),
          diskstat.toString());
      List<String> lnxIf = out.textSection(h, "lnx_if");
      assertNotNull(lnxIf, "no <<<lnx_if:sep(58)>>> on " + h);
      assertTrue(lnxIf.stream().anyMatch(l -> l.matches("eth0: [1-9]\\d*( \\d+){15}")),
          lnxIf.toString());
    }
  }

  /** What node-exporter served on {@code node}, or null where the backend runs none. */
  NodeExporterText.Node nodeExporter(String node) {
    return null;
  }

  /**
   * Where node-exporter runs, each node host gets Checkmk's uptime, cpu and kernel sections
   * (docs/sections.md, "With node-exporter") with the figures it served: the same boot time,
   * loads, processes and CPU count, counters grown at the served rates, and a df row per mount
   * point without the kubelet's pod mount.
   */
  @Test
  void nodesHaveUptimeCpuAndKernelFromNodeExporter() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        usageSources().contains("prometheus"), "usage source prometheus not in use");
    org.junit.jupiter.api.Assumptions.assumeTrue(nodeExporter(nodeNames().get(0)) != null,
        "this backend runs no node-exporter");
    AgentOutput out = output();
    for (String node : nodeNames()) {
      NodeExporterText.Node served = nodeExporter(node);
      String h = host("node", node);
      List<String> cpu = out.textSection(h, "cpu");
      assertEquals(List.of(String.format(java.util.Locale.ROOT, "%.2f %.2f %.2f %d/%d 0 %d",
          served.load1(), served.load5(), served.load15(), served.running(), served.threads(),
          served.cpus())), cpu, h);
      List<String> kernel = out.textSection(h, "kernel");
      assertNotNull(kernel, "no <<<kernel>>> on " + h);
      long time = Long.parseLong(kernel.get(0));
      assertTrue(kernel.contains("btime " + (long) Math.floor(served.bootTime())),
          kernel.toString());
      List<String> uptime = out.textSection(h, "uptime");
      assertNotNull(uptime, "no <<<uptime>>> on " + h);
      double up = Double.parseDouble(uptime.get(0).split(" ")[0]);
      // The kernel timestamp is node_time_seconds rounded down; uptime is its exact difference.
      assertTrue(up >= time - served.bootTime() - 0.01 && up < time + 1 - served.bootTime(),
          up + " s up, clock " + time + ", booted " + served.bootTime());
      assertEquals(served.cpus(), kernel.stream().filter(l -> l.matches("cpu\\d+( \\d+){10}"))
          .count(), kernel.toString());
      long ctxt = counter(kernel, "ctxt");
      assertEquals(NodeExporterText.CONTEXT_SWITCHES * up, ctxt,
          NodeExporterText.CONTEXT_SWITCHES * 0.01 + 1, kernel.toString());
      assertEquals(NodeExporterText.FORKS * up, counter(kernel, "processes"),
          NodeExporterText.FORKS * 0.01 + 1, kernel.toString());
      assertEquals(Math.floor(NodeExporterText.MAJOR_FAULTS * up), counter(kernel, "pgmajfault"),
          1, kernel.toString());
      // The total cpu line: each mode its share of all CPUs' time, in USER_HZ.
      String[] total = kernel.stream().filter(l -> l.startsWith("cpu ")).findFirst()
          .orElseThrow().split(" ");
      for (int m = 0; m < NodeExporterText.MODES.size(); m++) {
        double expected = NodeExporterText.SHARES[m] * up * 100 * served.cpus();
        assertEquals(expected, Long.parseLong(total[m + 1]), served.cpus() + expected * 1e-4,
            NodeExporterText.MODES.get(m) + " in " + String.join(" ", total));
      }
      List<String> df = out.textSection(h, "df");
      assertEquals("/dev/vda1 ext4 " + served.rootBytes() / 1024 + " "
          + (served.rootBytes() / 1024 - served.rootFree() / 1024) + " "
          + served.rootAvail() / 1024, df.get(0).replaceAll(" \\d+% /$", ""), df.toString());
      assertTrue(df.stream().noneMatch(l -> l.contains("/var/lib/kubelet")), df.toString());
      assertTrue(df.stream().anyMatch(l -> l.startsWith("tmpfs tmpfs ") && l.endsWith(" /run")),
          df.toString());
    }
  }

  private static long counter(List<String> kernel, String key) {
    return kernel.stream().filter(l -> l.startsWith(key + " ")).map(l -> l.split(" ")[1])
        .mapToLong(Long::parseLong).findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + " in " + kernel));
  }

  private static double number(JsonObject section, String field) {
    JsonElement value = section.get(field);
    assertTrue(value != null && !value.isJsonNull(), field + " is null: " + section);
    return value.getAsDouble();
  }

  List<CheckRunner.Service> checkServices() throws IOException {
    CheckRunner runner = new CheckRunner(repository);
    if (runner.missing() != null) {
      fail(runner.missing());
    }
    Path file = Files.writeString(work.resolve("main/agent-output.txt"), run.stdout());
    return runner.run(file, cluster.name());
  }

  private String healthyPodHost(AgentOutput out) {
    return out.hosts().keySet().stream()
        .filter(h -> h.startsWith(host("pod", "kube-system", "node-agent-")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no node-agent pod host"));
  }

  @Test
  void checksTurnTheSectionsIntoServiceStates() throws IOException {
    List<CheckRunner.Service> services = checkServices();
    String crashyHost = host("pod", "default", crashyPodLabels().get("name").getAsString());
    assertEquals(2, state(services, crashyHost, "Status"), "Status of " + crashyHost);
    String healthy =
        output().hosts().keySet().stream()
            .filter(h -> h.startsWith(host("pod", "kube-system", "node-agent-")))
            .findFirst()
            .orElseThrow();
    assertEquals(0, state(services, healthy, "Status"), "Status of " + healthy);
    assertEquals(0, state(services, cluster.name(), "Nodes"), "Nodes of the cluster host");
    // default/db-migrate: a Job no CronJob owns, failed (BackoffLimitExceeded) → WARN by default.
    assertEquals(1, state(services, host("namespace", "default"), "Jobs"), "Jobs of default");
  }

  @Test
  void aTokenWithoutCronjobsCostsOnlyTheCronjobSections() throws IOException {
    AgentProcess.Result limited = agent(limitedToken, work.resolve("ca.crt"), "limited");
    assertEquals(0, limited.exitCode(), limited.stderr());
    AgentOutput out = AgentOutput.parse(limited.stdout());
    JsonObject failed = null;
    for (JsonElement e : out.section("", "kubemon_agent_status_v1").getAsJsonArray("sources")) {
      JsonObject source = e.getAsJsonObject();
      if (source.get("request").getAsString().contains("cronjobs")) {
        failed = source;
      } else if (source.get("request").getAsString().startsWith("GET /api")) {
        assertEquals("ok", source.get("state").getAsString(), source.toString());
      }
    }
    assertNotNull(failed, "no agent-status entry names cronjobs");
    assertEquals("failed", failed.get("state").getAsString());
    assertEquals(403, failed.get("http_status").getAsInt());
    assertFalse(failed.get("message").getAsString().contains("\n"));
    assertNotNull(out.section("", "kubemon_cluster_nodes_v1"));
    assertTrue(out.hosts().keySet().stream().noneMatch(h -> h.startsWith("cronjob_")));
    assertTrue(out.hosts().keySet().stream().anyMatch(h -> h.startsWith("pod_")));
  }

  @Test
  void aWrongCaFailsWithOneClearLine() throws IOException {
    Path otherCa =
        Files.writeString(work.resolve("other-ca.crt"), SimCertificates.generate().caPem());
    AgentProcess.Result wrong = agent(token, otherCa, "wrong-ca");
    assertFalse(wrong.stderr().contains("\tat "), "stack trace without --debug: " + wrong.stderr());
    AgentOutput out = AgentOutput.parse(wrong.stdout());
    JsonObject status = out.section("", "kubemon_agent_status_v1");
    assertNotNull(status, "a TLS failure must still write kubemon_agent_status_v1");
    int failed = 0;
    for (JsonElement e : status.getAsJsonArray("sources")) {
      JsonObject source = e.getAsJsonObject();
      String state = source.get("state").getAsString();
      assertTrue(state.equals("failed") || state.equals("skipped"), source.toString());
      if (state.equals("failed")) {
        failed++;
        String message = source.get("message").getAsString();
        assertFalse(message.contains("\n"), message);
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        assertTrue(
            lower.contains("certificate") || lower.contains("tls"),
            "should say the server's certificate is not trusted: " + message);
        assertFalse(source.get("hint").isJsonNull(), "a failed source names what to fix");
      }
    }
    assertTrue(failed > 0, "no source failed although the CA is wrong");
    assertEquals(1, out.hosts().size(), "no piggyback data without a trusted server");
  }

  /** The services the checks make of one run's output. */
  List<CheckRunner.Service> checkServices(AgentProcess.Result result, String name)
      throws IOException {
    CheckRunner runner = new CheckRunner(repository);
    if (runner.missing() != null) {
      fail(runner.missing());
    }
    Path file = Files.writeString(work.resolve(name).resolve("agent-output.txt"), result.stdout());
    return runner.run(file, cluster.name());
  }

  /** Runs the agent with the site's arguments plus {@code extra}. */
  AgentProcess.Result agentWith(String name, List<String> extra) throws IOException {
    return agent(token, work.resolve("ca.crt"), name, usageSources(), extra);
  }

  /** The pod hosts of a run whose control chain ends in a CronJob. */
  static List<String> cronJobPodHosts(AgentOutput out) {
    return out.hosts().entrySet().stream()
        .filter(h -> h.getKey().startsWith("pod_"))
        .filter(h -> {
          JsonObject labels = h.getValue().get("kubemon_object_labels_v3");
          return labels != null
              && String.valueOf(labels.get("controllers")).contains("\"CronJob/");
        })
        .map(java.util.Map.Entry::getKey)
        .toList();
  }

  @Test
  void podsOfCronJobsGetNoHostByDefault() {
    assertEquals(List.of(), cronJobPodHosts(output()), "as agent_kube: no cronjobs_pods");
  }

  @Test
  void kubeletHealthWithoutNodesProxyCostsOnlyThatSectionWithOneLinePerNode() throws Exception {
    // README's set-up leaves check_mk_kubelet_rbac.yaml out, so the token may not use the proxy.
    AgentProcess.Result health = agentWith("kubelet-health-403", List.of("--kubelet-health"));
    assertEquals(0, health.exitCode(), health.stderr());
    AgentOutput out = AgentOutput.parse(health.stdout());
    JsonObject status = out.section("", "kubemon_agent_status_v1");
    for (String node : nodeNames()) {
      JsonObject source = null;
      for (JsonElement e : status.getAsJsonArray("sources")) {
        if (e.getAsJsonObject().get("source").getAsString().equals("kubelet/healthz:" + node)) {
          source = e.getAsJsonObject();
        }
      }
      assertNotNull(source, "no status entry for the /healthz of " + node + ": " + status);
      assertEquals(403, source.get("http_status").getAsInt(), source.toString());
      assertFalse(source.get("message").getAsString().contains("\n"));
      assertTrue(source.get("hint").getAsString().contains("check_mk_kubelet_rbac.yaml"),
          source.toString());
      java.util.Map<String, JsonObject> nodeHost = out.hosts().get(host("node", node));
      assertNotNull(nodeHost.get("kubemon_node_kubelet_v1"), "the Kubelet service lost its data");
      assertNull(nodeHost.get("kubemon_node_kubelet_health_v1"), "a section for a 403");
    }
    List<CheckRunner.Service> services = checkServices(health, "kubelet-health-403");
    String agentStatus = summary(services, cluster.name(), "Agent status");
    assertTrue(state(services, cluster.name(), "Agent status") >= 1, agentStatus);
    assertTrue(agentStatus.contains("kubelet/healthz") || agentStatus.contains("nodes/proxy"),
        agentStatus);
    String kubelet = summary(services, host("node", nodeNames().get(0)), "Kubelet");
    assertFalse(kubelet.contains("Health check"), kubelet);
    afterKubeletHealthForbidden();
  }

  /** Where the backend's kubelets answer /healthz: grant nodes/proxy and check the answers. */
  void afterKubeletHealthForbidden() throws Exception {}

  @Test
  void theTokenAppearsNowhere() throws IOException {
    agent(token, work.resolve("ca.crt"), "token-check");
    for (AgentProcess.Result r : runs) {
      for (String secret : List.of(token, limitedToken)) {
        assertFalse(r.stdout().contains(secret), "token in stdout");
        assertFalse(r.stderr().contains(secret), "token in stderr");
        assertFalse(String.join(" ", r.command()).contains(secret), "token in argv");
      }
    }
  }

  AgentOutput output() {
    if (output == null) {
      fail(parseError);
    }
    return output;
  }

  private JsonObject crashyPodLabels() {
    return output().hosts().entrySet().stream()
        .filter(e -> e.getKey().startsWith(host("pod", "default", "crashy-")))
        .filter(e -> e.getValue().get("kubemon_pod_info_v3") != null)
        .map(e -> e.getValue().get("kubemon_object_labels_v3"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no labels of a crashy pod"));
  }

  private JsonObject crashyPodInfo() {
    return output().hosts().entrySet().stream()
        .filter(e -> e.getKey().startsWith(host("pod", "default", "crashy-")))
        .map(e -> e.getValue().get("kubemon_pod_info_v3"))
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no pod host "
                        + host("pod", "default", "crashy-")
                        + "* with kubemon_pod_info_v3"));
  }

  static int state(List<CheckRunner.Service> services, String host, String service) {
    return service(services, host, service).state();
  }

  static String summary(List<CheckRunner.Service> services, String host, String service) {
    return service(services, host, service).summary();
  }

  private static CheckRunner.Service service(
      List<CheckRunner.Service> services, String host, String service) {
    return services.stream()
        .filter(s -> s.host().equals(host) && s.service().equals(service))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no service '" + service + "' on " + host));
  }
}
