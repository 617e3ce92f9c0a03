package io.kubemon.agent.usage;

import java.util.List;

/**
 * What the usage sources delivered in one run.
 *
 * @param data one entry per source that answered, most trusted first (Prometheus, kubelet,
 *     metrics API); an object's section comes from the first that has it
 * @param health pipeline health; empty when no pipeline source was asked
 * @param queries the user's PromQL results, null when Prometheus was not asked
 * @param customMetrics custom metric values, null when the custom metrics API was not asked
 */
public record UsageResult(
    List<UsageData> data,
    PipelineHealth health,
    List<NamedValue> queries,
    List<NamedValue> customMetrics) {

  public UsageResult {
    data = List.copyOf(data);
    queries = queries == null ? null : List.copyOf(queries);
    customMetrics = customMetrics == null ? null : List.copyOf(customMetrics);
  }
}
