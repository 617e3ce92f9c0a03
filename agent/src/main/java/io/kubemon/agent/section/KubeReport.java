package io.kubemon.agent.section;

import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.source.kube.KubeOptions;
import io.kubemon.agent.status.SourceLog;
import java.io.PrintStream;

/**
 * Reads the Kubernetes API and writes the cluster's sections and one piggyback block per
 * monitored object (docs/sections.md). Never throws for a failing source: each failure is logged
 * in {@code log} and costs only its own sections.
 */
public final class KubeReport {
  private KubeReport() {}

  public static void write(JsonSource api, KubeOptions options, SourceLog log, PrintStream out) {
    throw new UnsupportedOperationException("KubeReport is being written (issue 3)");
  }
}
