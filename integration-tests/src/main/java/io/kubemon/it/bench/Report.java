package io.kubemon.it.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The benchmark's table and its verdicts against the targets of issue #16. */
final class Report {
  private static final double MIB = 1024 * 1024;
  static final double START_WALL = 0.35;
  static final double START_ABOVE_FLOOR = 0.2;
  static final double API_1000_CPU = 3;
  static final double LARGE_WALL = 12;
  static final double LARGE_CPU = 10;
  static final double LARGE_RSS_MIB = 512;
  static final double BYTES_PER_POD = 1536;
  static final int SPARE_CONNECTIONS = 2;
  /**
   * Requests the agent has in flight at most: KubeCollector reads 4 lists at once, each with one
   * page read ahead (Prometheus queries go 4 at a time, after the lists). The simulator's own
   * count of requests at once is lower: a response the agent still reads has left its handler.
   */
  static final int AGENT_CONCURRENCY = 4 * 2;

  private Report() {}

  static void table(PrintStream out, Map<Size, Summary> results) {
    out.println("| size | pods | runs | wall s | CPU s | peak RSS MiB | java -version wall s"
        + " | above it s | requests | connections (most at once) | MiB read | MiB written"
        + " | bytes/pod | pod hosts | usage sections (sources)"
        + " | site CPU s (ms/pod); inside the plug-ins |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
    results.forEach((size, s) -> out.printf(Locale.ROOT,
        "| %s | %s | %d | %.2f | %.2f | %.0f | %s | %s | %.0f | %d (%d) | %.2f | %.2f | %s | %.0f"
            + " | %.0f (%s) | %s |%n",
        size, s.recorded() ? "recorded" : String.valueOf(s.pods()), s.runs(), s.wallSeconds(),
        s.cpuSeconds(), s.peakRssBytes() / MIB,
        s.floor() == null ? "-" : String.format(Locale.ROOT, "%.2f", s.floor().wallSeconds()),
        s.floor() == null ? "-" : String.format(Locale.ROOT, "%.2f", s.aboveFloorSeconds()),
        s.requests(), s.connections(), s.mostInFlight(), s.bytesRead() / MIB,
        s.bytesWritten() / MIB,
        s.recorded() ? "-" : String.format(Locale.ROOT, "%.0f", s.bytesWritten() / s.pods()),
        s.podHosts(), s.usageSections(),
        s.usageSources().isEmpty() ? "asked: " + s.usageRequested() + "; none written"
            : String.join(", ", s.usageSources()),
        s.site() == null ? "-" : String.format(Locale.ROOT, "%.2f (%.3f); plug-ins %.2f (%.3f)",
            s.site().cpuSeconds(), 1000 * s.site().cpuSeconds() / s.pods(),
            s.sitePluginCpuSeconds(), 1000 * s.sitePluginCpuSeconds() / s.pods())));
    results.forEach((size, s) -> {
      if (s.deadlineHit()) {
        out.println(size + ": the agent hit its --deadline: its output is partial");
      }
    });
  }

  static void targets(PrintStream out, Map<Size, Summary> results) {
    out.println();
    results.forEach((size, s) -> {
      boolean usage = !"none".equals(s.usageRequested());
      if (size.recorded()) {
        verdict(out, size + " wall", s.wallSeconds(), START_WALL, "s");
        if (s.floor() != null) {
          verdict(out, size + " wall above java -version", s.aboveFloorSeconds(),
              START_ABOVE_FLOOR, "s");
        }
      } else if (size.nodes() == 1000 && !usage) {
        verdict(out, size + " CPU", s.cpuSeconds(), API_1000_CPU, "s");
      } else if (size.nodes() >= 5000 && usage) {
        verdict(out, size + " wall", s.wallSeconds(), LARGE_WALL, "s");
        verdict(out, size + " CPU", s.cpuSeconds(), LARGE_CPU, "s");
        verdict(out, size + " peak RSS", s.peakRssBytes() / MIB, LARGE_RSS_MIB, "MiB");
      }
      if (!size.recorded()) {
        verdict(out, size + " output per pod", s.bytesWritten() / s.pods(), BYTES_PER_POD,
            "bytes");
      }
      verdict(out, size + " connections (agent concurrency " + AGENT_CONCURRENCY + " + "
          + SPARE_CONNECTIONS + "; the simulator saw " + s.mostInFlight() + " at once)",
          s.connections(), AGENT_CONCURRENCY + SPARE_CONNECTIONS, "");
      if (s.site() != null) {
        verdict(out, size + " site CPU (check plug-ins) vs the agent's", s.site().cpuSeconds(),
            s.cpuSeconds(), "s");
        verdict(out, size + " site CPU inside the plug-ins' own functions vs the agent's",
            s.sitePluginCpuSeconds(), s.cpuSeconds(), "s");
      }
    });
  }

  private static void verdict(PrintStream out, String what, double value, double target,
      String unit) {
    String u = unit.isEmpty() ? "" : " " + unit;
    if (value <= target) {
      out.printf(Locale.ROOT, "target %s <= %.2f%s: met (%.2f%s)%n", what, target, u, value, u);
    } else {
      out.printf(Locale.ROOT, "target %s <= %.2f%s: MISSED by %.2f%s (%.0f%% over)%n", what,
          target, u, value - target, u, 100 * (value - target) / target);
    }
  }
}
