package io.kubemon.agent.section;

import io.kubemon.agent.output.SectionWriter;
import io.kubemon.agent.model.Controller;
import io.kubemon.agent.model.ObjectMeta;
import io.kubemon.agent.source.kube.KubeOptions;
import io.kubemon.agent.source.kube.LabelSyntax;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes {@code kubemon_object_labels_v3}, the source of every host's cmk/kubernetes labels. */
final class Labels {
  private final KubeOptions options;
  private final SectionWriter out;

  Labels(KubeOptions options, SectionWriter out) {
    this.options = options;
    this.out = out;
  }

  void cluster() {
    out.section(
        "kubemon_object_labels_v3",
        new Obj()
            .with("object", "cluster")
            .with("cluster", options.clusterName())
            .with("name", options.clusterName()));
  }

  void object(String type, ObjectMeta m, String node, List<Controller> controllers) {
    out.section(
        "kubemon_object_labels_v3",
        new Obj()
            .with("object", type)
            .with("cluster", options.clusterName())
            .unless("cluster_host", options.clusterHost(), options.clusterName())
            .with("name", m.name())
            .lean("namespace", m.namespace())
            .lean("node", node)
            .lean("controllers", PodSections.controllers(controllers))
            .lean("labels", new TreeMap<>(m.labels()))
            .lean("annotations", annotations(m.annotations())));
  }

  private Map<String, String> annotations(Map<String, String> all) {
    Map<String, String> chosen = new TreeMap<>();
    if (options.allAnnotations()) {
      all.forEach(
          (k, v) -> {
            if (LabelSyntax.validKey(k) && LabelSyntax.validValue(v)) {
              chosen.put(k, v);
            }
          });
    } else if (options.annotationPattern() != null) {
      all.forEach(
          (k, v) -> {
            if (options.annotationPattern().matcher(k).find()) {
              chosen.put(k, v);
            }
          });
    }
    return chosen;
  }
}
