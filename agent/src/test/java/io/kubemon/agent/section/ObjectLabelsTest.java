package io.kubemon.agent.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import io.kubemon.agent.source.kube.KubeOptions;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** kubemon_object_labels_v3: what becomes cmk/kubernetes/... host labels. */
class ObjectLabelsTest {

  private static JsonObject podLabels(Pattern annotationPattern) {
    return podLabels(annotationPattern, "pod_synthetic_shop_web-0");
  }

  private static JsonObject podLabels(Pattern annotationPattern, String host) {
    KubeOptions base = Fixtures.options("synthetic");
    KubeOptions options =
        new KubeOptions(
            "synthetic",
            "cluster-host",
            base.apiServer(),
            base.monitoredObjects(),
            List.of(),
            List.of(),
            annotationPattern,
            Set.of(),
            base.clock());
    String out = Fixtures.run(SyntheticCluster.api(), options);
    String pod = GoldenOutputTest.block(out, host);
    return SectionShapeTest.sections(pod).get("kubemon_object_labels_v3").get(0).getAsJsonObject();
  }

  @Test
  void annotationsOnlyWhenChosenByThePattern() {
    // none chosen: left out (v2), as every empty map
    assertFalse(podLabels(null).has("annotations"));
    JsonObject chosen = podLabels(Pattern.compile("^te")).getAsJsonObject("annotations");
    assertEquals("ops", chosen.get("team").getAsString());
    assertFalse(podLabels(Pattern.compile("nomatch")).has("annotations"));
  }

  @Test
  void podLabelsNameTheClusterHostNodeAndControllers() {
    JsonObject labels = podLabels(null);
    assertEquals("pod", labels.get("object").getAsString());
    assertEquals("cluster-host", labels.get("cluster_host").getAsString());
    assertEquals("n1", labels.get("node").getAsString());
    assertEquals("shop", labels.get("namespace").getAsString());
    assertEquals(
        "[\"StatefulSet/web\"]", labels.get("controllers").toString());
    assertEquals("web-0", labels.getAsJsonObject("labels").get("app").getAsString());
  }

  @Test
  void jobPodsLeadToTheirCronJob() {
    JsonObject labels = podLabels(null, "pod_synthetic_shop_backup-1-x");
    assertEquals(
        "[\"Job/backup-1\",\"CronJob/backup\"]",
        labels.get("controllers").toString());
  }

  @Test
  void everyHostHasObjectLabels() {
    String out = Fixtures.run(SyntheticCluster.api(), Fixtures.options("synthetic"));
    String[] blocks = out.split("<<<<[^>\n]*>>>>\n");
    int hosts = 0;
    for (String block : blocks) {
      if (!block.isEmpty() && !block.contains("kubemon_agent_status_v1")) {
        assertEquals(true, block.startsWith("<<<kubemon_object_labels_v3:sep(0)>>>\n"), block);
        // --cluster-host is the cluster's name here: left out everywhere, and no null written
        String labels = block.substring(0, block.indexOf('\n', block.indexOf('\n') + 1));
        assertFalse(labels.contains("cluster_host"), labels);
        assertFalse(labels.contains("null"), labels);
        hosts++;
      }
    }
    // cluster, node, namespace, 2 pods, deployment, daemonset, statefulset, cronjob
    assertEquals(9, hosts);
  }
}
