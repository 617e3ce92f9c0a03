package io.kubemon.agent.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.http.TextResponse;
import io.kubemon.agent.source.kube.FixtureApi;
import io.kubemon.agent.source.kube.FixtureApi.Absent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A failing list costs only the sections built from it, and the status section names it. */
class FailingSourcesTest {

  /** Answers 403 for the given API paths and delegates everything else. */
  private record Forbidding(JsonSource delegate, List<String> paths) implements JsonSource {
    @Override
    public <T> T getJson(String pathAndQuery, BodyReader<T> reader) throws SourceException {
      String path = pathAndQuery.split("\\?")[0];
      if (paths.contains(path)) {
        throw new SourceException(
            "GET " + path, 403, "GET " + path + " forbidden", "grant list", "rbac-forbidden");
      }
      return delegate.getJson(pathAndQuery, reader);
    }

    @Override
    public TextResponse getText(String pathAndQuery, int maxBodyChars) throws SourceException {
      return delegate.getText(pathAndQuery, maxBodyChars);
    }
  }

  private static String k3sWithout(String... paths) {
    FixtureApi api =
        new FixtureApi(Fixtures.recording("k3s-v1.33.4-troubleshoot"), Absent.EMPTY_LIST);
    return Fixtures.run(new Forbidding(api, List.of(paths)), Fixtures.options("k3s"));
  }

  @Test
  void withoutReplicaSetsPodsStopAtTheReplicaSet() {
    String out = k3sWithout("/apis/apps/v1/replicasets");
    String coredns = GoldenOutputTest.block(out, "pod_k3s_kube-system_coredns-64fd4b4794-p72lf");
    assertTrue(
        coredns.contains(
            "\"controllers\":[\"ReplicaSet/coredns-64fd4b4794\"]"),
        coredns);
    assertTrue(out.contains("<<<<deployment_k3s_kube-system_coredns>>>>"));
    assertTrue(
        out.contains(
            "\"source\":\"kube/replicasets\",\"request\":\"GET"
                + " /apis/apps/v1/replicasets\",\"state\":\"failed\",\"http_status\":403"));
  }

  @Test
  void withoutPodsEverythingElseIsWritten() {
    String out = k3sWithout("/api/v1/pods");
    assertFalse(out.contains("<<<<pod_"), "no pod hosts without the pod list");
    for (String podSection :
        List.of(
            "kubemon_pod_resources_v2",
            "kubemon_cpu_resources_v2",
            "kubemon_memory_resources_v2",
            "kubemon_node_containers_v1")) {
      assertFalse(out.contains("<<<" + podSection + ":"), podSection + " needs pods");
    }
    Map<String, List<com.google.gson.JsonElement>> sections = SectionShapeTest.sections(out);
    for (String kept :
        List.of(
            "kubemon_cluster_nodes_v1",
            "kubemon_node_info_v1",
            "kubemon_workload_replicas_v2",
            "kubemon_namespace_info_v1")) {
      assertTrue(sections.containsKey(kept), kept + " does not need pods");
    }
    // agent_kube's "namespace with a Running or Pending pod" cannot be decided: all stay.
    assertTrue(out.contains("<<<<namespace_k3s_kube-public>>>>"), "every namespace kept");
    assertTrue(
        out.contains(
            "\"source\":\"kube/pods\",\"request\":\"GET"
                + " /api/v1/pods\",\"state\":\"failed\",\"http_status\":403,\"message\":\"GET"
                + " /api/v1/pods forbidden\""));
  }

  @Test
  void withoutNodesPodsAreStillWritten() {
    String out = k3sWithout("/api/v1/nodes");
    assertFalse(out.contains("<<<<node_"));
    assertFalse(out.contains("<<<kubemon_cluster_nodes_v1:"));
    assertTrue(out.contains("<<<<pod_k3s_default_backend-api-75fb46b7bd-xtkrh>>>>"));
    String cluster = out.substring(0, out.indexOf("<<<<>>>>\n", 9));
    JsonObject pods =
        SectionShapeTest.sections(cluster).get("kubemon_pod_resources_v2").get(0).getAsJsonObject();
    // null, left out: unknown without nodes
    assertFalse(pods.has("allocatable"), "cluster allocatable unknown without nodes: " + pods);
    assertTrue(pods.has("running"), pods.toString());
  }

  @Test
  void aMalformedBodyFailsOnlyItsList() {
    String out =
        Fixtures.run(
            SyntheticCluster.api()
                .replace("/apis/apps/v1/deployments", "{\"items\":[{\"metadata\":"),
            Fixtures.options("synthetic"));
    assertFalse(out.contains("<<<<deployment_"));
    assertTrue(out.contains("<<<<statefulset_synthetic_shop_web>>>>"));
    assertTrue(
        out.contains(
            "\"source\":\"kube/deployments\",\"request\":\"GET"
                + " /apis/apps/v1/deployments\",\"state\":\"failed\""));
  }

  @Test
  void theNamespaceFilterAppliesToEveryNamespacedObject() {
    var options = Fixtures.options("k3s");
    options =
        new io.kubemon.agent.source.kube.KubeOptions(
            "k3s",
            "k3s",
            options.apiServer(),
            options.monitoredObjects(),
            List.of(),
            List.of(java.util.regex.Pattern.compile("kube-")),
            null,
            java.util.Set.of(),
            options.clock());
    String out =
        Fixtures.run(
            new FixtureApi(Fixtures.recording("k3s-v1.33.4-troubleshoot"), Absent.EMPTY_LIST),
            options);
    assertFalse(out.contains("_kube-system_"), "kube-system excluded");
    assertFalse(out.contains("<<<<namespace_k3s_kube-system>>>>"));
    assertTrue(out.contains("<<<<deployment_k3s_default_backend-api>>>>"));
    assertEquals(6, out.split("<<<<pod_k3s_default_", -1).length - 1);
  }
}
