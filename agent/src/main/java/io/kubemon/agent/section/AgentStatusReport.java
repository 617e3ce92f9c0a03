package io.kubemon.agent.section;

import io.kubemon.agent.status.SourceLog;
import java.io.PrintStream;

/** Writes {@code kubemon_agent_status_v1} for the cluster host (docs/sections.md). */
public final class AgentStatusReport {
  private AgentStatusReport() {}

  /**
   * @param started epoch seconds when the run began
   * @param elapsedSeconds wall time of the run so far
   */
  public static void write(
      SourceLog log,
      String agentVersion,
      String cluster,
      long started,
      double elapsedSeconds,
      double deadlineSeconds,
      boolean deadlineHit,
      PrintStream out) {
    throw new UnsupportedOperationException("AgentStatusReport is being written (issue 3)");
  }
}
