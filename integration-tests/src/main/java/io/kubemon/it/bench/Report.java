package io.kubemon.it.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The benchmark's table and its verdicts against the targets of issue #6. */
final class Report {
  private static final double MIB = 1024 * 1024;

  private Report() {}

  static void table(PrintStream out, Map<Size, Summary> results) {
    out.println("| size | pods | runs | wall s | CPU s | peak RSS MiB | requests | MiB read"
        + " | MiB sent | MiB written | pod hosts | usage sections (sources) |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    results.forEach((size, s) -> out.printf(Locale.ROOT,
        "| %s | %s | %d | %.2f | %.2f | %.0f | %.0f | %.2f | %.3f | %.2f | %.0f | %.0f (%s) |%n",
        size, s.recorded() ? "recorded" : String.valueOf(s.pods()), s.runs(), s.wallSeconds(),
        s.cpuSeconds(), s.peakRssBytes() / MIB, s.requests(), s.bytesRead() / MIB,
        s.bytesSent() / MIB, s.bytesWritten() / MIB, s.podHosts(), s.usageSections(),
        s.usageSources().isEmpty() ? "asked: " + s.usageRequested() + "; none written"
            : String.join(", ", s.usageSources())));
    results.forEach((size, s) -> {
      if (s.deadlineHit()) {
        out.println(size + ": the agent hit its --deadline: its output is partial");
      }
    });
  }

  static void targets(PrintStream out, Map<Size, Summary> results, double k3sWall,
      double largeWall, long largeRss) {
    out.println();
    results.forEach((size, s) -> {
      if (size.recorded()) {
        verdict(out, size + " wall", s.wallSeconds(), k3sWall, "s");
      } else if (size.nodes() >= 5000) {
        verdict(out, size + " wall", s.wallSeconds(), largeWall, "s");
        verdict(out, size + " peak RSS", s.peakRssBytes() / MIB, largeRss / MIB, "MiB");
      }
    });
    Summary smallest = null;
    Size smallestSize = null;
    for (Map.Entry<Size, Summary> e : results.entrySet()) {
      if (!e.getKey().recorded() && (smallestSize == null
          || e.getKey().nodes() < smallestSize.nodes())) {
        smallestSize = e.getKey();
        smallest = e.getValue();
      }
    }
    for (Map.Entry<Size, Summary> e : results.entrySet()) {
      Summary s = e.getValue();
      if (smallest != null && !e.getKey().recorded() && s != smallest) {
        out.printf(Locale.ROOT, "%s vs %s: pods x%.1f, requests x%.1f (%.0f -> %.0f)%n",
            e.getKey(), smallestSize, (double) s.pods() / smallest.pods(),
            s.requests() / smallest.requests(), smallest.requests(), s.requests());
      }
    }
  }

  private static void verdict(PrintStream out, String what, double value, double target,
      String unit) {
    if (value <= target) {
      out.printf(Locale.ROOT, "target %s <= %.1f %s: met (%.2f %s)%n", what, target, unit, value,
          unit);
    } else {
      out.printf(Locale.ROOT, "target %s <= %.1f %s: MISSED by %.2f %s (%.0f%% over)%n", what,
          target, unit, value - target, unit, 100 * (value - target) / target);
    }
  }
}
