package io.kubemon.it.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The medians of one size's counted runs, and what its output held. Connections are the most of
 * any run. {@code floor} is {@code java -version} of the same JVM, run right before each agent
 * run; {@code aboveFloorSeconds} the median of each pair's difference. {@code site} is the check
 * plug-ins' CPU over one run's output, or null when not measured.
 */
record Summary(
    int pods,
    boolean recorded,
    String usageRequested,
    int runs,
    double wallSeconds,
    double cpuSeconds,
    double peakRssBytes,
    double requests,
    int connections,
    int mostInFlight,
    double bytesRead,
    double bytesSent,
    double bytesWritten,
    double podHosts,
    double usageSections,
    TreeSet<String> usageSources,
    boolean deadlineHit,
    AgentRun.Cost floor,
    double aboveFloorSeconds,
    AgentRun.Cost site,
    double sitePluginCpuSeconds) {

  static Summary of(int pods, boolean recorded, String usage, List<AgentRun.Figures> runs,
      List<AgentRun.Cost> floors, AgentRun.Cost site, double sitePluginCpuSeconds) {
    TreeSet<String> sources = new TreeSet<>();
    runs.forEach(r -> sources.addAll(r.usageSources()));
    AgentRun.Cost floor = null;
    double above = Double.NaN;
    if (!floors.isEmpty()) {
      floor = new AgentRun.Cost(median(floors, AgentRun.Cost::wallSeconds),
          median(floors, AgentRun.Cost::cpuSeconds), (long) median(floors, c -> c.peakRssBytes()));
      List<Double> differences = new ArrayList<>();
      for (int i = 0; i < runs.size(); i++) {
        differences.add(runs.get(i).wallSeconds() - floors.get(i).wallSeconds());
      }
      above = median(differences, Double::doubleValue);
    }
    return new Summary(
        pods,
        recorded,
        usage,
        runs.size(),
        median(runs, AgentRun.Figures::wallSeconds),
        median(runs, AgentRun.Figures::cpuSeconds),
        median(runs, r -> r.peakRssBytes()),
        median(runs, r -> r.requests()),
        runs.stream().mapToInt(AgentRun.Figures::connections).max().orElse(0),
        runs.stream().mapToInt(AgentRun.Figures::mostInFlight).max().orElse(0),
        median(runs, r -> r.bytesRead()),
        median(runs, r -> r.bytesSent()),
        median(runs, r -> r.bytesWritten()),
        median(runs, r -> r.podHosts()),
        median(runs, r -> r.usageSections()),
        sources,
        runs.stream().anyMatch(AgentRun.Figures::deadlineHit),
        floor,
        above,
        site,
        sitePluginCpuSeconds);
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
