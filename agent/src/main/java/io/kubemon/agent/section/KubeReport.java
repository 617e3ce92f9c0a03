package io.kubemon.agent.section;

import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.output.SectionWriter;
import io.kubemon.agent.source.kube.KubeCollector;
import io.kubemon.agent.source.kube.KubeOptions;
import io.kubemon.agent.source.kube.KubeSnapshot;
import io.kubemon.agent.status.SourceLog;
import io.kubemon.agent.usage.HostSections;
import java.io.PrintStream;

/**
 * Reads the Kubernetes API and writes the cluster's sections and one piggyback block per monitored
 * object (docs/sections.md). Never throws for a failing source: each failure is logged in {@code
 * log} and costs only its own sections.
 */
public final class KubeReport {
  private KubeReport() {}

  /** How long writing may go on past the deadline once it began (docs/agent-cli.md, Bounds). */
  public static final java.time.Duration WRITE_GRACE = java.time.Duration.ofMillis(300);

  /** Returns what was read, so the usage pipeline can map pods to hosts and controllers. */
  public static KubeSnapshot write(
      JsonSource api, KubeOptions options, SourceLog log, PrintStream out) {
    return write(api, options, log, new SectionWriter(out));
  }

  /** As above through the run's one writer, with its deadline and output limit. */
  public static KubeSnapshot write(
      JsonSource api, KubeOptions options, SourceLog log, SectionWriter out) {
    KubeSnapshot snapshot = read(api, options, log);
    write(snapshot, options, log, out, HostSections.NONE);
    return snapshot;
  }

  /** Reads the Kubernetes API; nothing is written yet. */
  public static KubeSnapshot read(JsonSource api, KubeOptions options, SourceLog log) {
    return KubeCollector.collect(api, options, log);
  }

  /**
   * Writes what {@link #read} returned, each block with its {@code usage} sections after its own
   * (docs/sections.md, "Framing"); writing gets {@link #WRITE_GRACE} past the deadline.
   */
  public static void write(
      KubeSnapshot snapshot,
      KubeOptions options,
      SourceLog log,
      SectionWriter out,
      HostSections usage) {
    out.beginWriting(WRITE_GRACE);
    KubeSections.write(snapshot, options, out, log, usage);
  }
}
