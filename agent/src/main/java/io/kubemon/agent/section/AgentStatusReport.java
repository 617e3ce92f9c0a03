package io.kubemon.agent.section;

import io.kubemon.agent.output.SectionWriter;
import io.kubemon.agent.status.SourceLog;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;

/** Writes {@code kubemon_agent_status_v1} for the cluster host (docs/sections.md). */
public final class AgentStatusReport {
  private AgentStatusReport() {}

  /**
   * @param started epoch seconds when the run began
   * @param elapsedSeconds wall time of the run so far
   * @param noCertCheck whether the API server's certificate went unverified (--no-cert-check)
   */
  public static void write(
      SourceLog log,
      String agentVersion,
      String cluster,
      long started,
      double elapsedSeconds,
      double deadlineSeconds,
      boolean deadlineHit,
      boolean noCertCheck,
      PrintStream out) {
    write(log, agentVersion, cluster, started, elapsedSeconds, deadlineSeconds, deadlineHit,
        noCertCheck, new SectionWriter(out));
  }

  /** As above through {@code writer}, which should be the run's writer {@link
   * SectionWriter#unbounded}: the status section is written after the deadline, too. */
  public static void write(
      SourceLog log,
      String agentVersion,
      String cluster,
      long started,
      double elapsedSeconds,
      double deadlineSeconds,
      boolean deadlineHit,
      boolean noCertCheck,
      SectionWriter writer) {
    // Sources finish in any order on the pool; sorted, the section is stable from run to run.
    List<Obj> sources =
        log.entries().stream()
            .sorted(Comparator.comparing(SourceLog.Entry::source))
            .map(AgentStatusReport::source)
            .toList();
    writer.beginHost("");
    writer.section(
        "kubemon_agent_status_v1",
        new Obj()
            .with("agent_version", agentVersion)
            .with("cluster", cluster)
            .with("started", started)
            .with("elapsed_s", elapsedSeconds)
            .with("deadline_s", deadlineSeconds)
            .with("deadline_hit", deadlineHit)
            .with("no_cert_check", noCertCheck)
            .with("sources", sources));
    writer.endHost();
  }

  private static Obj source(SourceLog.Entry e) {
    return new Obj()
        .with("source", e.source())
        .with("request", e.request())
        .with("state", e.state())
        .with("http_status", e.httpStatus())
        .with("message", e.message())
        .with("hint", e.hint())
        .with("anchor", e.anchor())
        .with("kind", e.kind())
        .with("requests", e.requests())
        .with("elapsed_s", e.elapsedSeconds());
  }
}
