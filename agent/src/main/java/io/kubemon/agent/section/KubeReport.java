package io.kubemon.agent.section;

import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.output.SectionWriter;
import io.kubemon.agent.source.kube.KubeCollector;
import io.kubemon.agent.source.kube.KubeOptions;
import io.kubemon.agent.source.kube.KubeSnapshot;
import io.kubemon.agent.status.SourceLog;
import java.io.PrintStream;

/**
 * Reads the Kubernetes API and writes the cluster's sections and one piggyback block per monitored
 * object (docs/sections.md). Never throws for a failing source: each failure is logged in {@code
 * log} and costs only its own sections.
 */
public final class KubeReport {
  private KubeReport() {}

  /** Returns what was read, so the usage pipeline can map pods to hosts and controllers. */
  public static KubeSnapshot write(
      JsonSource api, KubeOptions options, SourceLog log, PrintStream out) {
    return write(api, options, log, new SectionWriter(out));
  }

  /** As above through the run's one writer, with its deadline and output limit. */
  public static KubeSnapshot write(
      JsonSource api, KubeOptions options, SourceLog log, SectionWriter out) {
    KubeSnapshot snapshot = KubeCollector.collect(api, options, log);
    KubeSections.write(snapshot, options, out, log);
    return snapshot;
  }
}
