package io.kubemon.agent.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.http.TextResponse;
import io.kubemon.agent.output.SectionWriter;
import io.kubemon.agent.source.kube.KubeOptions;
import io.kubemon.agent.source.kube.PagedApi;
import io.kubemon.agent.status.SourceLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The switches agent_kube users rely on (issue 15): pods of CronJobs, all annotations, PVC
 * services on workload hosts, the kubelet's /healthz.
 */
class AgentKubeSwitchesTest {
  private static final String CRON_POD_HOST = "pod_synthetic_shop_backup-1-x";

  private static KubeOptions options(Set<String> objects) {
    KubeOptions base = Fixtures.options("synthetic");
    return new KubeOptions("synthetic", "synthetic", base.apiServer(), objects, List.of(),
        List.of(), null, Set.of(), base.clock());
  }

  private static Set<String> without(String object) {
    Set<String> objects = new HashSet<>(KubeOptions.ALL_OBJECTS);
    objects.remove(object);
    return objects;
  }

  private static JsonObject first(String block, String section) {
    List<JsonElement> found = SectionShapeTest.sections(block).get(section);
    return found == null ? null : found.get(0).getAsJsonObject();
  }

  @Test
  void podsOfCronJobsGetNoHostUnlessAsked() {
    String out = Fixtures.run(SyntheticCluster.api(), options(without(KubeOptions.CRONJOB_PODS)));
    assertFalse(out.contains("<<<<" + CRON_POD_HOST + ">>>>"), "a CronJob's pod got a host");
    assertTrue(out.contains("<<<<pod_synthetic_shop_web-0>>>>"), "other pods keep theirs");
    // The sums keep the pod, as agent_kube's do: cluster, namespace and CronJob hosts.
    Map<String, Integer> running =
        Map.of("", 2, "namespace_synthetic_shop", 2, "cronjob_synthetic_shop_backup", 1);
    running.forEach((host, count) -> assertEquals(count,
        first(block(out, host), "kubemon_pod_resources_v2").get("running").getAsInt(), host));
    String with = Fixtures.run(SyntheticCluster.api(), options(KubeOptions.ALL_OBJECTS));
    assertTrue(with.contains("<<<<" + CRON_POD_HOST + ">>>>"), "cronjobs_pods did not add it");
  }

  private static String block(String out, String host) {
    if (!host.isEmpty()) {
      return GoldenOutputTest.block(out, host);
    }
    return out.substring(0, out.indexOf("<<<<", 1) < 0 ? out.length() : out.indexOf("<<<<", 1));
  }

  @Test
  void allAnnotationsImportsExactlyThoseOfLabelSyntax() {
    String annotations = "\"annotations\":{\"team\":\"ops\",\"example.com/tier\":\"gold\","
        + "\"empty\":\"\",\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"a\\\":1}\","
        + "\"url\":\"https://x\",\"Bad_Prefix/x\":\"y\",\"long\":\"" + "a".repeat(64) + "\"}";
    String pod = SyntheticCluster.POD.replace("\"annotations\":{\"team\":\"ops\"}", annotations);
    PagedApi api = SyntheticCluster.api()
        .replace("/api/v1/pods", "{\"metadata\":{},\"items\":[" + pod + "]}");
    String out = Fixtures.run(api, options(KubeOptions.ALL_OBJECTS).withAllAnnotations());
    JsonObject labels =
        first(GoldenOutputTest.block(out, "pod_synthetic_shop_web-0"), "kubemon_object_labels_v3");
    assertEquals("{\"empty\":\"\",\"example.com/tier\":\"gold\",\"team\":\"ops\"}",
        labels.getAsJsonObject("annotations").toString());
  }

  @Test
  void workloadHostsGetThePvcsTheirPodsMount() {
    String out = Fixtures.run(SyntheticCluster.api(), options(KubeOptions.ALL_OBJECTS));
    JsonObject sts =
        first(GoldenOutputTest.block(out, "statefulset_synthetic_shop_web"), "kubemon_pod_pvcs_v1");
    JsonObject pod =
        first(GoldenOutputTest.block(out, "pod_synthetic_shop_web-0"), "kubemon_pod_pvcs_v1");
    assertEquals(pod, sts, "the workload's claims differ from its pod's");
    assertEquals("data-web-0",
        sts.getAsJsonArray("claims").get(0).getAsJsonObject().get("name").getAsString());
    // No pods, no claims; without pvcs, none at all.
    assertNull(first(GoldenOutputTest.block(out, "deployment_synthetic_shop_api"),
        "kubemon_pod_pvcs_v1"));
    String off = Fixtures.run(SyntheticCluster.api(), options(without("pvcs")));
    assertFalse(off.contains("kubemon_pod_pvcs_v1"), "pvcs off, yet PVC sections");
  }

  /** PagedApi, with /healthz of node n1 answering as the test says. */
  private static JsonSource healthz(int status, String body) {
    PagedApi api = SyntheticCluster.api();
    return new JsonSource() {
      @Override
      public <T> T getJson(String path, BodyReader<T> reader) throws SourceException {
        return api.getJson(path, reader);
      }

      @Override
      public TextResponse getText(String path, int max) throws SourceException {
        return path.equals("/api/v1/nodes/n1/proxy/healthz")
            ? new TextResponse(status, body)
            : api.getText(path, max);
      }
    };
  }

  private static String runHealth(JsonSource api, KubeOptions options, SourceLog log) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    KubeReport.write(api, options, log,
        new SectionWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void kubeletHealthIsReadOnlyWhenAskedAndWrittenOnTheNodeHost() {
    KubeOptions on = options(KubeOptions.ALL_OBJECTS).withKubeletHealth();
    String ok = runHealth(healthz(200, "ok\n"), on, new SourceLog());
    assertEquals("{\"status_code\":200,\"body\":\"ok\"}",
        first(GoldenOutputTest.block(ok, "node_synthetic_n1"), "kubemon_node_kubelet_health_v1")
            .toString());
    String bad = runHealth(healthz(500, "[-]syncloop failed: reason withheld"), on,
        new SourceLog());
    assertEquals("{\"status_code\":500,\"body\":\"[-]syncloop failed: reason withheld\"}",
        first(GoldenOutputTest.block(bad, "node_synthetic_n1"), "kubemon_node_kubelet_health_v1")
            .toString());
    PagedApi plain = SyntheticCluster.api();
    String off = runHealth(plain, options(KubeOptions.ALL_OBJECTS), new SourceLog());
    assertFalse(off.contains("kubemon_node_kubelet_health_v1"));
    assertTrue(plain.requests().stream().noneMatch(r -> r.contains("/proxy/")), "asked anyway");
  }

  @Test
  void aForbiddenHealthzCostsOnlyThatSectionWithOneClearLine() {
    SourceLog log = new SourceLog();
    String out = runHealth(healthz(403, "forbidden"), options(KubeOptions.ALL_OBJECTS)
        .withKubeletHealth(), log);
    String node = GoldenOutputTest.block(out, "node_synthetic_n1");
    assertFalse(node.contains("kubemon_node_kubelet_health_v1"), node);
    assertTrue(node.contains("kubemon_node_kubelet_v1"), "the Kubelet service lost its data");
    SourceLog.Entry entry = log.entries().stream()
        .filter(e -> e.source().equals("kubelet/healthz:n1")).findFirst().orElseThrow();
    assertEquals("failed", entry.state());
    assertEquals(403, entry.httpStatus());
    assertEquals("GET /api/v1/nodes/n1/proxy/healthz forbidden for the agent's token: no Kubelet"
        + " health for node n1", entry.message());
    assertTrue(entry.hint().contains("get nodes/proxy") && entry.hint().contains(
        "check_mk_kubelet_rbac.yaml"), entry.hint());
    assertEquals(1, log.entries().stream().filter(e -> e.state().equals("failed")).count(),
        "other sources failed too: " + log.entries());
  }
}
