package io.kubemon.it.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubemon.it.backend.ControlPlaneBackend;
import io.kubemon.it.backend.FlowCluster;
import io.kubemon.it.controlplane.Binaries;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The flow against a real Kubernetes control plane built from Go modules: kube-apiserver with
 * etcd, the controller-manager (token controller, workload controllers), the scheduler, kwok's fake
 * nodes and metrics-server behind the real aggregator. Skips with one line where Go is missing;
 * on CI ({@code CI=true}) a missing Go fails instead. Beyond the shared flow it checks what only
 * a real API server can show: counts against what the server holds, real RBAC, real paging, and
 * the protocol the agent negotiates, at 100 nodes × 30 pods.
 */
class ControlPlaneClusterIT extends ClusterFlowIT {
  /** 100 nodes × 30 pods: the DaemonSet's 100, web's 2,890 and the workloads' few. */
  static final int NODES = 100;

  static final int WEB_REPLICAS = 2890;

  /** Pods that run at least: web, the DaemonSet's, shop/checkout, default/db. */
  static final int RUNNING = WEB_REPLICAS + NODES + 2 + 1;

  private static final Pattern HOST = Pattern.compile("(?m)^<<<<(\\w+?)_real_([^>]+)>>>>$");

  private ControlPlaneBackend cluster;

  @Override
  FlowCluster startCluster(Path work) throws Exception {
    Repository repository = Repository.locate();
    try {
      cluster = ControlPlaneBackend.start(repository.root(), work, NODES, WEB_REPLICAS);
    } catch (Binaries.Unavailable e) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI must run the real control plane: " + e.getMessage(), e);
      }
      System.out.println("ControlPlaneClusterIT skipped: " + e.getMessage());
      Assumptions.abort(e.getMessage());
    }
    cluster.installOperatorCrds(repository.root());
    return cluster;
  }

  @Override
  void afterManifests() throws Exception {
    // Every pod but the crash-looping and the unschedulable one runs, the pods of our manifests'
    // Deployments too (kwok runs them; no container starts).
    cluster.awaitWorkloads(RUNNING);
    cluster.awaitUsageMetrics(RUNNING);
  }

  @Override
  String usageSources() {
    return "metrics-api";
  }

  @Override
  List<String> nodeNames() {
    return cluster.nodeNames();
  }

  /** Every node, namespace with pods, pod and workload the API server holds is a host, once. */
  @Test
  void hostsMatchWhatTheApiServerHolds() throws IOException {
    Map<String, List<String>> hosts = hostsByType(lastRun("main"));
    assertEquals(names("nodes", "{.metadata.name}"), sorted(hosts.get("node")));
    assertEquals(
        names("pods -A", "{.metadata.namespace}_{.metadata.name}"), sorted(hosts.get("pod")));
    assertEquals(names("deployments -A", "{.metadata.namespace}_{.metadata.name}"),
        sorted(hosts.get("deployment")));
    assertEquals(names("daemonsets -A", "{.metadata.namespace}_{.metadata.name}"),
        sorted(hosts.get("daemonset")));
    assertEquals(names("statefulsets -A", "{.metadata.namespace}_{.metadata.name}"),
        sorted(hosts.get("statefulset")));
    assertEquals(names("cronjobs -A", "{.metadata.namespace}_{.metadata.name}"),
        sorted(hosts.get("cronjob")));
    // A namespace has a host while it has a Running or Pending pod (docs/sections.md).
    Set<String> withPods = new TreeSet<>();
    for (String line : cluster.plane().kubectl("get", "pods", "-A", "-o",
        "jsonpath={range .items[*]}{.metadata.namespace} {.status.phase}{\"\\n\"}{end}")
        .split("\n")) {
      String[] f = line.split(" ");
      if (f.length == 2 && (f[1].equals("Running") || f[1].equals("Pending"))) {
        withPods.add(f[0]);
      }
    }
    assertEquals(new ArrayList<>(withPods), sorted(hosts.get("namespace")));
  }

  /** What the real controllers made of the workloads, as the check plug-ins show it. */
  @Test
  void controllersAndChecksAgree() throws IOException {
    List<CheckRunner.Service> services = checkServices();
    // The PVC the PV controller bound, mounted by default/db-0.
    JsonObject pvcs = output().section(host("pod", "default", "db-0"), "kubemon_pod_pvcs_v1");
    assertNotNull(pvcs, "kubemon_pod_pvcs_v1 of default/db-0");
    assertTrue(pvcs.toString().contains("\"data\""), pvcs.toString());
    // The quota the resource-quota controller filled in: 2 pods of shop/checkout at 100m each.
    JsonObject quotas = output().section(host("namespace", "shop"), "kubemon_resource_quotas_v1");
    assertNotNull(quotas, "kubemon_resource_quotas_v1 of namespace shop");
    assertTrue(quotas.toString().contains("compute"), quotas.toString());
    assertEquals(0, state(services, host("namespace", "shop"), "Resource quota cpu resources"));
    // The CronJob has its host and info; the unschedulable pod is Pending as the scheduler left it.
    assertNotNull(output().section(host("cronjob", "default", "nightly-report"),
        "kubemon_cronjob_info_v1"));
    JsonObject pending =
        output().section(host("pod", "default", "unschedulable"), "kubemon_pod_info_v3");
    assertEquals("Pending", pending.get("phase").getAsString(), pending.toString());
    // Host labels come from the objects' real labels.
    JsonObject labels = output().section(host("namespace", "shop"), "kubemon_object_labels_v3");
    assertTrue(labels.toString().contains("\"team\""), labels.toString());
  }

  /** The API server pages at 10 objects: every pod arrives once, in ≥ pods/10 requests. */
  @Test
  void everyPodArrivesOnceInPagesOfTen() throws IOException {
    AgentProcess.Result paged =
        agent(token(), caFile(), "paged", usageSources(), List.of("--page-size", "10"));
    assertEquals(0, paged.exitCode(), paged.stderr());
    List<String> pods = hostsByType(paged.stdout()).get("pod");
    assertEquals(names("pods -A", "{.metadata.namespace}_{.metadata.name}"), sorted(pods));
    Map<String, Integer> infos = sectionCounts(paged.stdout(), "kubemon_pod_info_v3");
    assertEquals(pods.size(), infos.size(), "pods without kubemon_pod_info_v3");
    assertEquals(Set.of(1), new TreeSet<>(infos.values()), "a pod read twice: " + infos);
    JsonObject podsSource = source(AgentOutput.parse(paged.stdout()), "kube/pods");
    assertTrue(podsSource.get("requests").getAsInt() >= pods.size() / 10,
        "pages of 10 for " + pods.size() + " pods: " + podsSource);
  }

  /**
   * Real RBAC: our ClusterRole without {@code cronjobs}, applied with kubectl as an admin edits it,
   * costs only the CronJob sections, and the status section carries the API server's own 403 text.
   */
  @Test
  void aClusterRoleWithoutARuleCostsOnlyItsSections() throws IOException {
    Path rbac = Repository.locate().root().resolve("manifests/check_mk_rbac.yaml");
    try {
      cluster.plane().kubectl("apply", "-f", withoutResource(rbac, "cronjobs").toString());
      AgentProcess.Result run = agent(token(), caFile(), "no-cronjobs", usageSources(), List.of());
      AgentOutput out = AgentOutput.parse(run.stdout());
      JsonObject cronjobs = source(out, "kube/cronjobs");
      assertEquals("failed", cronjobs.get("state").getAsString(), cronjobs.toString());
      assertEquals(403, cronjobs.get("http_status").getAsInt());
      String message = cronjobs.get("message").getAsString();
      assertTrue(message.contains("cronjobs.batch is forbidden: User"
              + " \\\"system:serviceaccount:check-mk:check-mk\\\" cannot list resource"
              + " \\\"cronjobs\\\" in API group \\\"batch\\\" at the cluster scope")
          || message.contains("cronjobs.batch is forbidden: User"
              + " \"system:serviceaccount:check-mk:check-mk\" cannot list resource"
              + " \"cronjobs\" in API group \"batch\" at the cluster scope"), message);
      assertTrue(hostsByType(run.stdout()).get("cronjob").isEmpty(), "cronjob hosts without RBAC");
      assertEquals(sorted(hostsByType(lastRun("main")).get("pod")),
          sorted(hostsByType(run.stdout()).get("pod")), "the pods must not suffer");
    } finally {
      cluster.plane().kubectl("apply", "-f", rbac.toString());
    }
  }

  /**
   * What kube-apiserver negotiates with the agent (docs/troubleshooting.md#http-protocol): HTTP/1.1
   * (the agent's client speaks no HTTP/2), and gzip for the large pod pages.
   */
  @Test
  void theAgentSpeaksHttp11AndGetsGzip() throws IOException {
    AgentProcess.Result run =
        agent(token(), caFile(), "protocol", usageSources(), List.of("-v"));
    Matcher done = Pattern.compile("done: .*; responses: (.*)").matcher(run.stderr());
    assertTrue(done.find(), run.stderr());
    String responses = done.group(1);
    assertTrue(responses.matches("(HTTP/1\\.1 \\w+: \\d+(, )?)+"), responses);
    assertTrue(responses.contains("HTTP/1.1 gzip: "), responses);
    assertTrue(responses.contains("HTTP/1.1 identity: "), responses);
  }

  private String lastRun(String name) throws IOException {
    return Files.readString(work().resolve(name).resolve("agent.out"));
  }

  private static JsonObject source(AgentOutput out, String id) {
    for (JsonElement e : out.section("", "kubemon_agent_status_v1").getAsJsonArray("sources")) {
      if (e.getAsJsonObject().get("source").getAsString().equals(id)) {
        return e.getAsJsonObject();
      }
    }
    throw new AssertionError("no status entry " + id);
  }

  /**
   * Piggyback host names by type, each once (a host has one block of API sections and may have a
   * second of usage sections).
   */
  private static Map<String, List<String>> hostsByType(String stdout) {
    Map<String, List<String>> hosts = new java.util.HashMap<>();
    for (String type : List.of(
        "node", "namespace", "pod", "deployment", "daemonset", "statefulset", "cronjob")) {
      hosts.put(type, new ArrayList<>());
    }
    Matcher m = HOST.matcher(stdout);
    while (m.find()) {
      List<String> names = hosts.computeIfAbsent(m.group(1), k -> new ArrayList<>());
      if (!names.contains(m.group(2))) {
        names.add(m.group(2));
      }
    }
    return hosts;
  }

  /** How often each piggyback host carries {@code section}: a pod listed twice shows as 2. */
  private static Map<String, Integer> sectionCounts(String stdout, String section) {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    String host = "";
    for (String line : stdout.split("\n")) {
      if (line.startsWith("<<<<") && line.endsWith(">>>>")) {
        host = line.substring(4, line.length() - 4);
      } else if (line.startsWith("<<<" + section + ":")) {
        counts.merge(host, 1, Integer::sum);
      }
    }
    return counts;
  }

  private List<String> names(String what, String template) throws IOException {
    List<String> args = new ArrayList<>(List.of("get"));
    args.addAll(List.of(what.split(" ")));
    args.addAll(List.of("-o", "jsonpath={range .items[*]}" + template + "{\"\\n\"}{end}"));
    List<String> names = new ArrayList<>();
    for (String line : cluster.plane().kubectl(args.toArray(String[]::new)).split("\n")) {
      if (!line.isBlank()) {
        names.add(line.replaceAll("[^A-Za-z0-9._-]", "_"));
      }
    }
    return sorted(names);
  }

  private static List<String> sorted(List<String> names) {
    return names.stream().sorted().toList();
  }

  /** A copy of our RBAC manifest whose ClusterRoles no longer name {@code resource}. */
  @SuppressWarnings("unchecked")
  private Path withoutResource(Path rbac, String resource) throws IOException {
    List<Object> documents = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(rbac)) {
      for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
        if (document instanceof Map<?, ?> object && "ClusterRole".equals(object.get("kind"))) {
          for (Object rule : (List<Object>) object.get("rules")) {
            if (((Map<String, Object>) rule).get("resources") instanceof List<?> list) {
              list.remove(resource);
            }
          }
        }
        if (document != null) {
          documents.add(document);
        }
      }
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Path file = work().resolve("check_mk_rbac_without_" + resource + ".yaml");
    try (Writer writer = Files.newBufferedWriter(file)) {
      new Yaml(options).dumpAll(documents.iterator(), writer);
    }
    return file;
  }
}
