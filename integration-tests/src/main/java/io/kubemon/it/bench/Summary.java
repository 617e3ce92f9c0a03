package io.kubemon.it.bench;

import java.util.List;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/** The medians of one size's counted runs, and what its output held. */
record Summary(
    int pods,
    boolean recorded,
    String usageRequested,
    int runs,
    double wallSeconds,
    double cpuSeconds,
    double peakRssBytes,
    double requests,
    double bytesRead,
    double bytesSent,
    double bytesWritten,
    double podHosts,
    double usageSections,
    TreeSet<String> usageSources,
    boolean deadlineHit) {

  static Summary of(int pods, boolean recorded, String usage, List<AgentRun.Figures> runs) {
    TreeSet<String> sources = new TreeSet<>();
    runs.forEach(r -> sources.addAll(r.usageSources()));
    return new Summary(
        pods,
        recorded,
        usage,
        runs.size(),
        median(runs, AgentRun.Figures::wallSeconds),
        median(runs, AgentRun.Figures::cpuSeconds),
        median(runs, r -> r.peakRssBytes()),
        median(runs, r -> r.requests()),
        median(runs, r -> r.bytesRead()),
        median(runs, r -> r.bytesSent()),
        median(runs, r -> r.bytesWritten()),
        median(runs, r -> r.podHosts()),
        median(runs, r -> r.usageSections()),
        sources,
        runs.stream().anyMatch(AgentRun.Figures::deadlineHit));
  }

  static <T> double median(List<T> values, ToDoubleFunction<T> field) {
    double[] sorted = values.stream().mapToDouble(field).sorted().toArray();
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
